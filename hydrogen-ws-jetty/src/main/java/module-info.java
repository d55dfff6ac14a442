/**
 * The Hydrogen WebSocket server on Eclipse Jetty 12.1. Hosts use the API module; this module
 * provides its implementation and {@link io.hydrogen.ws.jetty.HydrogenContextHandler} for embedding
 * in a Jetty application.
 */
module io.hydrogen.ws.jetty {
    requires transitive io.hydrogen.ws;
    requires transitive org.eclipse.jetty.server;
    requires org.eclipse.jetty.websocket.server;
    requires org.eclipse.jetty.websocket.common;
    requires java.management;
    requires com.google.gson;
    requires org.slf4j;

    exports io.hydrogen.ws.jetty;
    // Jetty invokes the endpoint's listener methods through method handles: the package must be
    // exported unqualified (its classes are not API).
    exports io.hydrogen.ws.jetty.internal.connection;

    provides io.hydrogen.ws.spi.HydrogenServerProvider with io.hydrogen.ws.jetty.JettyHydrogenServerProvider;
    uses io.hydrogen.ws.spi.StatusProvider;
}
