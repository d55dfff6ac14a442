/**
 * Connection handling: the handshake's decision ({@code ConnectionAcceptor}), each connection's
 * state machine and Jetty adapter ({@code HydrogenConnection}), its outbound queue with one write in
 * flight and the direct frame path, liveness, inbound rate limits, and the registry of open
 * connections.
 *
 * <p>JPMS exports this package unqualified only because Jetty calls the connection's listener
 * methods through public method handles; nothing here is API.
 */
package io.hydrogen.ws.jetty.internal.connection;
