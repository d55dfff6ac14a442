/**
 * Connection handling, on Jetty's WebSocket core: the handshake's decision
 * ({@code ConnectionAcceptor}, a core {@code WebSocketNegotiator}), each connection's state machine
 * and frame handler ({@code HydrogenConnection}), inbound message assembly and limits, its outbound
 * queue with one write in flight and the direct frame path, liveness, and the registry of open
 * connections. Not exported: Jetty calls the connection through its {@code FrameHandler} interface.
 */
package io.hydrogen.ws.jetty.internal.connection;
