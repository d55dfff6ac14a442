package io.hydrogen.ws.examples;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import java.time.Duration;

/** The grouped configuration of docs/configuration.md, compiled so that it cannot rot. */
public final class ConfigurationSample {

    private ConfigurationSample() {
    }

    /**
     * Sets options of several groups.
     *
     * @param key the API key
     * @return the validated configuration
     */
    public static ServerConfig grouped(String key) {
        // tag::grouped[]
        ServerConfig config = HydrogenWebSocketServer.builder()
                .port(5001)                                   // shortcut for binding(b -> b.port(5001))
                .apiKey(key)                                  // shortcut for auth(a -> a.apiKey(key))
                .statusInterval(Duration.ofSeconds(1))        // shortcut for endpoint(e -> e.statusInterval(...))
                .binding(b -> b.host("127.0.0.1"))
                .limits(l -> l.maxMessageBytes(16 * 1024).maxConnections(200))
                .liveness(l -> l.pingInterval(Duration.ofSeconds(10)))
                .buildConfig();

        config.binding().host();                              // "127.0.0.1"
        config.limits().maxMessageBytes();                    // 16384
        config.liveness().pongTimeout();                      // 20 s: two ping intervals
        // end::grouped[]
        return config;
    }

    /**
     * Derives a second configuration from a first one.
     *
     * @param config the first configuration
     * @return the variant
     */
    public static ServerConfig derived(ServerConfig config) {
        // tag::derived[]
        ServerConfig lab = config.toBuilder()
                .port(6001)                                   // the range end follows: 6001
                .auth(a -> a.allowedOrigin("https://lab.example"))
                .buildConfig();                               // config itself is unchanged
        // end::derived[]
        return lab;
    }
}
