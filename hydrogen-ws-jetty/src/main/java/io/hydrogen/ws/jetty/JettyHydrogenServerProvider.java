package io.hydrogen.ws.jetty;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.spi.HydrogenServerProvider;

/**
 * The {@link HydrogenServerProvider} of the Jetty implementation, found by
 * {@link java.util.ServiceLoader}. Hosts use {@link HydrogenWebSocketServer#builder()} instead.
 */
public final class JettyHydrogenServerProvider implements HydrogenServerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public JettyHydrogenServerProvider() {
    }

    @Override
    public HydrogenWebSocketServer create(ServerConfig config) {
        return new JettyHydrogenServer(config);
    }
}
