/**
 * The Hydrogen WebSocket SDK's API: what hosts code against. Depends on nothing but the JDK; the
 * implementation (for example {@code io.hydrogen.ws.jetty}) is found with {@link java.util.ServiceLoader}.
 */
module io.hydrogen.ws {
    exports io.hydrogen.ws;
    exports io.hydrogen.ws.spi;
    exports io.hydrogen.ws.topics;

    uses io.hydrogen.ws.spi.HydrogenServerProvider;
}
