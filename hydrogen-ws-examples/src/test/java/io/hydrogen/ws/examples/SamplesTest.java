package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.jetty.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The documented samples do what the docs say. */
class SamplesTest {

    private static final String KEY = "samples-key-0123456789";

    @Test
    void spiSamplesWorkTogether() throws Exception {
        try (HydrogenWebSocketServer server = SpiSamples.configured(KEY).binding(b -> b.host("127.0.0.1").port(0))
                .endpoint(e -> e.statusProviderDiscovery(false)).build()) {
            server.start();
            TestClient tablet = connect(server.uri(), "Bearer s3cr3t-tablet-token");
            JsonObject status = tablet.next();
            assertThat(status.getAsJsonObject("printer").get("state").getAsString()).isEqualTo("printing");
            tablet.socket.sendText("{\"type\":\"job.start\",\"id\":1,\"file\":\"benchy.gcode\"}", true).join();
            // Replies, not the periodic status pushes that may arrive in between on a slow machine.
            JsonObject result = tablet.nextNonStatus();
            assertThat(result.getAsJsonObject("result").get("by").getAsString()).isEqualTo("tablet:lobby");
            tablet.socket.sendText("{\"type\":\"job.start\",\"id\":2,\"file\":\"nope.gcode\"}", true).join();
            assertThat(tablet.nextNonStatus().getAsJsonObject("error").get("code").getAsString()).isEqualTo("unknown_file");
            tablet.socket.sendText("{\"type\":\"printer.home\",\"id\":3}", true).join();
            assertThat(tablet.nextNonStatus().getAsJsonObject("result").get("homed").getAsBoolean()).isTrue();
        }
    }

    @Test
    void injectedInstancesServeStatusAndCommands() throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        InjectionSample.Printer printer = new InjectionSample.Printer() {
            @Override
            public double bedTemperature() {
                return 60.5;
            }

            @Override
            public void pause() {
                pauses.incrementAndGet();
            }
        };
        try (HydrogenWebSocketServer server = InjectionSample.configured(new InjectionSample.BedStatusProvider(printer),
                new InjectionSample.PauseHandler(printer), KEY).binding(b -> b.host("127.0.0.1").port(0)).build()) {
            assertThat(server.config().endpoint().statusProviderDiscovery()).isFalse();
            server.start();
            TestClient client = connect(server.uri(), "Key " + KEY);
            JsonObject status = client.next();
            assertThat(status.getAsJsonObject("bed").get("celsius").getAsDouble()).isEqualTo(60.5);
            client.socket.sendText("{\"type\":\"printer.pause\",\"id\":7}", true).join();
            JsonObject result = client.nextNonStatus();
            assertThat(result.get("id").getAsInt()).isEqualTo(7);
            assertThat(result.getAsJsonObject("result").get("paused").getAsBoolean()).isTrue();
            assertThat(pauses).hasValue(1);
        }
    }

    @Test
    void configurationSamplesSetAndDeriveWhatTheyClaim() {
        ServerConfig config = ConfigurationSample.grouped(KEY);
        assertThat(config.binding().host()).isEqualTo("127.0.0.1");
        assertThat(config.limits().maxMessageBytes()).isEqualTo(16 * 1024);
        assertThat(config.limits().maxConnections()).isEqualTo(200);
        assertThat(config.liveness().pongTimeout()).isEqualTo(Duration.ofSeconds(20));

        ServerConfig lab = ConfigurationSample.derived(config);
        assertThat(lab.binding().port()).isEqualTo(6001);
        assertThat(lab.binding().portRangeEnd()).isEqualTo(6001);
        assertThat(lab.auth().allowedOrigins()).containsExactly("https://lab.example");
        assertThat(lab.limits().maxConnections()).isEqualTo(200);
        assertThat(config.binding().port()).isEqualTo(5001);
        assertThat(config.auth().allowedOrigins()).isEmpty();
    }

    @Test
    void embeddingSampleServesHydrogenAndTheServlet() throws Exception {
        Server server = EmbeddingSample.hostServer(0, KEY);
        server.start();
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            TestClient client = connect(URI.create("ws://127.0.0.1:" + port + "/hydrogen/ws"), "Key " + KEY);
            assertThat(client.next().get("type").getAsString()).isEqualTo("status");
            var response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/app/jobs")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("{\"jobs\":[]}");
        } finally {
            server.stop();
        }
    }

    private static TestClient connect(URI uri, String authorization) {
        return TestClient.connect(uri, "hydrogen-protocol", authorization);
    }
}
