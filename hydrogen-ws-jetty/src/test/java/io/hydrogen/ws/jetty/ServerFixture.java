package io.hydrogen.ws.jetty;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.HydrogenWebSocketServerBuilder;
import io.hydrogen.ws.spi.StatusProvider;
import java.time.Duration;

/** Builders for servers on loopback with an ephemeral port, as every test uses them. */
final class ServerFixture {

    static final String KEY = "test-key-0123456789abcdef";

    private ServerFixture() {
    }

    /**
     * @return a builder on 127.0.0.1, port 0, with {@link #KEY} and no periodic push; status provider
     *     discovery is off because this module's test class path registers one for the discovery test
     */
    static HydrogenWebSocketServerBuilder loopback() {
        return HydrogenWebSocketServer.builder()
                .binding(b -> b.host("127.0.0.1").port(0))
                .apiKey(KEY)
                .endpoint(e -> e.statusProviderDiscovery(false).statusInterval(Duration.ZERO))
                .exitWait(Duration.ofSeconds(2));
    }

    /**
     * @return a status provider of a section {@code bulky} of about {@code bytes} bytes, so that a
     *     client that does not read fills its socket quickly
     */
    static StatusProvider bulky(int bytes) {
        String padding = "x".repeat(bytes);
        return new StatusProvider() {
            @Override
            public String section() {
                return "bulky";
            }

            @Override
            public Object status() {
                return padding;
            }
        };
    }

    /** @return a started server built from {@code builder} */
    static HydrogenWebSocketServer started(HydrogenWebSocketServerBuilder builder) {
        HydrogenWebSocketServer server = builder.build();
        server.start();
        return server;
    }
}
