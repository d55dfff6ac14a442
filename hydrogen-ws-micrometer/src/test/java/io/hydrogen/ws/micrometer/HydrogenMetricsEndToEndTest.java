package io.hydrogen.ws.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.jetty.TestClient;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real server on loopback, a real JDK WebSocket client, and the meters they leave. */
class HydrogenMetricsEndToEndTest {

    private static final String KEY = "metrics-test-key-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HydrogenMetrics metrics = new HydrogenMetrics();
    private HydrogenWebSocketServer server;

    @BeforeEach
    void start() {
        server = HydrogenWebSocketServer.builder()
                .binding(b -> b.host("127.0.0.1").port(0))
                .apiKey(KEY)
                .statusInterval(Duration.ZERO)
                .exitWait(Duration.ofSeconds(2))
                .eventListener(metrics)
                .build();
        metrics.bindTo(registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientsSessionIsCounted() throws Exception {
        TestClient client = TestClient.connect(server.uri(), KEY);
        client.next("status");
        client.socket.sendText("{\"type\":\"ping\"}", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.next("pong");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.awaitClose().code()).isEqualTo(WebSocket.NORMAL_CLOSURE);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                counter(registry.find(HydrogenMetrics.CONNECTIONS_CLOSED).tag("code", "1000"))).isEqualTo(1));
        assertThat(counter(registry.find(HydrogenMetrics.CONNECTIONS_OPENED))).isEqualTo(1);
        assertThat(counter(registry.find(HydrogenMetrics.CONNECTIONS_AUTHENTICATED))).isEqualTo(1);
        assertThat(counter(registry.find(HydrogenMetrics.MESSAGES_RECEIVED).tag("type", "ping"))).isEqualTo(1);
        assertThat(registry.get(HydrogenMetrics.MESSAGES_RECEIVED_BYTES).summary().totalAmount())
                .isEqualTo("{\"type\":\"ping\"}".length());
        assertThat(counter(registry.find(HydrogenMetrics.MESSAGES_SENT))).isGreaterThanOrEqualTo(2);
        assertThat(registry.get(HydrogenMetrics.MESSAGES_SENT_BYTES).summary().totalAmount()).isPositive();
        assertThat(registry.get(HydrogenMetrics.CONNECTIONS_ACTIVE).gauge().value()).isZero();
        assertThat(counter(registry.find(HydrogenMetrics.AUTH_FAILURES))).isZero();
        assertThat(registry.find(HydrogenMetrics.ERRORS_SENT).counters()).isEmpty();
    }

    @Test
    void aWrongKeyIsAnAuthFailure() {
        assertThatThrownBy(() -> TestClient.connect(server.uri(), "wrong-key-0123456789"))
                .hasStackTraceContaining("401");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(counter(registry.find(HydrogenMetrics.AUTH_FAILURES))).isEqualTo(1));
        assertThat(counter(registry.find(HydrogenMetrics.CONNECTIONS_OPENED))).isZero();
        assertThat(registry.get(HydrogenMetrics.CONNECTIONS_ACTIVE).gauge().value()).isZero();
    }

    private static double counter(Search search) {
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
