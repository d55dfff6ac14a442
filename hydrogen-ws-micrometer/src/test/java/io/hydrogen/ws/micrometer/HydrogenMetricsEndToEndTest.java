package io.hydrogen.ws.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
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
                .host("127.0.0.1")
                .port(0)
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
        Client client = Client.connect(server.uri(), "Key " + KEY);
        assertThat(client.next()).contains("\"type\":\"status\"");
        client.socket.sendText("{\"type\":\"ping\"}", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.next()).contains("\"type\":\"pong\"");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);

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
        assertThatThrownBy(() -> Client.connect(server.uri(), "Key wrong-key-0123456789"))
                .hasStackTraceContaining("401");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(counter(registry.find(HydrogenMetrics.AUTH_FAILURES))).isEqualTo(1));
        assertThat(counter(registry.find(HydrogenMetrics.CONNECTIONS_OPENED))).isZero();
        assertThat(registry.get(HydrogenMetrics.CONNECTIONS_ACTIVE).gauge().value()).isZero();
    }

    private static double counter(Search search) {
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** A JDK WebSocket client that queues the text messages it receives. */
    private static final class Client implements WebSocket.Listener {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(URI uri, String authorization) {
            Client client = new Client();
            client.socket = HTTP.newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .subprotocols("hydrogen-protocol")
                    .header("Authorization", authorization)
                    .buildAsync(uri, client)
                    .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .join();
            return client;
        }

        String next() throws InterruptedException {
            String message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + TIMEOUT).isNotNull();
            return message;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
