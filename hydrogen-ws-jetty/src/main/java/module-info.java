/**
 * The Hydrogen WebSocket server on Eclipse Jetty 12.1. Hosts use the API module; this module
 * provides its implementation and {@link io.hydrogen.ws.jetty.HydrogenContextHandler} for embedding
 * in a Jetty application.
 */
module io.hydrogen.ws.jetty {
    requires transitive io.hydrogen.ws;
    requires transitive org.eclipse.jetty.server;
    requires org.eclipse.jetty.websocket.core.server;
    requires org.eclipse.jetty.websocket.core.common;
    requires java.management;
    requires com.google.gson;
    requires org.slf4j;

    exports io.hydrogen.ws.jetty;

    provides io.hydrogen.ws.spi.HydrogenServerProvider with io.hydrogen.ws.jetty.JettyHydrogenServerProvider;
    uses io.hydrogen.ws.spi.StatusProvider;
}
