package io.hydrogen.ws.spi;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;

/**
 * Creates {@link HydrogenWebSocketServer} instances; the link between the API and an
 * implementation such as {@code hydrogen-ws-jetty}.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.hydrogen.ws.spi.HydrogenServerProvider} entry) and need a public
 * no-argument constructor. Hosts never call this interface; they use
 * {@link HydrogenWebSocketServer#builder()}.
 */
public interface HydrogenServerProvider {

    /**
     * Creates a server that is not started yet.
     *
     * @param config the validated configuration
     * @return a new server in state {@link io.hydrogen.ws.ServerState#NEW}
     */
    HydrogenWebSocketServer create(ServerConfig config);
}
