package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.HydrogenServerProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The Jetty implementation is found through ServiceLoader, as the API module looks for it. */
class ServiceLoaderTest {

    @Test
    void providerIsRegistered() {
        assertThat(ServiceLoader.load(HydrogenServerProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(JettyHydrogenServerProvider.class);
    }

    @Test
    void builderFindsTheJettyImplementation() {
        try (HydrogenWebSocketServer server = ServerFixture.loopback().build()) {
            assertThat(server).isInstanceOf(JettyHydrogenServer.class);
            assertThat(server.config().auth().apiKeys()).containsExactly(ServerFixture.KEY);
        }
    }
}
