/**
 * The Hydrogen WebSocket server on Eclipse Jetty 12.1: the {@link io.hydrogen.ws.spi.HydrogenServerProvider}
 * that {@code HydrogenWebSocketServer.builder().build()} finds, and
 * {@link io.hydrogen.ws.jetty.HydrogenContextHandler} for hosts that mount the endpoint in a Jetty
 * server of their own. Everything under {@code internal} is implementation, not API.
 */
package io.hydrogen.ws.jetty;
