/**
 * Connection handling: the handshake's decision ({@code ConnectionAcceptor}, also a core
 * {@code WebSocketNegotiator} of Jetty's), the standalone server's own WebSocket connection for
 * plain handshakes ({@code PlainUpgradeHandler}, {@code PlainWebSocketConnection},
 * {@code FrameParser}), each connection's state machine and frame handler
 * ({@code HydrogenConnection}), inbound message assembly and limits, its outbound queue with one
 * write in flight and the direct frame path, liveness, and the registry of open connections. Not
 * exported: Jetty calls the connection through its {@code FrameHandler} interface.
 */
package io.hydrogen.ws.jetty.internal.connection;
