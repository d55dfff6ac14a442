package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.Scope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol item 4: clients without an Authorization header authenticate with their first message. */
class InBandAuthTest {

    private HydrogenWebSocketServer server;

    private static final String MONITOR_KEY = "monitor-key-0123456789";
    private static final String CONTROL_KEY = "control-key-0123456789";

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback()
                .apiKey(MONITOR_KEY, Scope.MONITOR)
                .apiKey(CONTROL_KEY, Scope.CONTROL)
                .auth(a -> a.authTimeout(Duration.ofMillis(500)))
                .statusInterval(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void validKeyGetsAuthOkThenStatus() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            client.send("{\"type\":\"auth\",\"key\":\"" + KEY + "\",\"id\":\"a1\"}");
            JsonObject ok = client.next("auth_ok");
            assertThat(ok.get("id").getAsString()).isEqualTo("a1");
            assertThat(ok.get("scope").getAsString()).isEqualTo("admin"); // apiKey(key) gives every scope
            assertThat(client.next("status").get("active_connections").getAsInt()).isEqualTo(1);
            assertThat(server.context().totalConnections()).isEqualTo(1);
        }
    }

    @Test
    void authOkNamesTheKeysScope() {
        for (String[] keyAndScope : new String[][] {{MONITOR_KEY, "monitor"}, {CONTROL_KEY, "control"}}) {
            try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
                client.send("{\"type\":\"auth\",\"key\":\"" + keyAndScope[0] + "\"}");
                JsonObject ok = client.next("auth_ok");
                assertThat(ok.has("id")).isFalse();
                assertThat(ok.get("scope").getAsString()).isEqualTo(keyAndScope[1]);
            }
        }
    }

    @Test
    void pendingConnectionIsNotCountedAndGetsNoStatus() throws Exception {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            // Several push ticks pass while the client is pending.
            assertThat(client.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(server.context().activeConnections()).isZero();
            assertThat(server.context().totalConnections()).isZero();
        }
    }

    @Test
    void wrongKeyGetsAuthFailedAnd1008() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            client.send("{\"type\":\"auth\",\"key\":\"wrong-key-wrong-key\",\"id\":5}");
            assertAuthFailed(client.next("error"), "invalid key");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
        assertThat(server.context().totalConnections()).isZero();
    }

    @Test
    void otherFirstMessageGetsAuthFailedAnd1008() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            client.send("{\"type\":\"status\",\"id\":1}");
            JsonObject error = client.next("error");
            assertAuthFailed(error, "expected an auth message first");
            assertThat(error.get("id").getAsInt()).isEqualTo(1);
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void malformedFirstMessageGetsAuthFailed() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            client.send("not json");
            assertThat(client.next("error").getAsJsonObject("error").get("code").getAsString()).isEqualTo("auth_failed");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void binaryFirstMessageGetsAuthFailed() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            client.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            assertThat(client.next("error").getAsJsonObject("error").get("code").getAsString()).isEqualTo("auth_failed");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void oversizedFirstMessageGetsAuthFailedWithoutBeingBuffered() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            client.send("{\"type\":\"auth\",\"key\":\"" + "k".repeat(5000) + "\"}");
            JsonObject error = client.next("error");
            assertAuthFailed(error, "auth message larger than 4096 bytes");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void silentClientTimesOutWithAuthFailedAnd1008() {
        long started = System.nanoTime();
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            assertAuthFailed(client.next("error"), "authentication timed out");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 0);
        assertThat(server.context().totalConnections()).isZero();
    }

    @Test
    void authAfterAuthenticationIsInvalidMessage() {
        try (TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.send("{\"type\":\"auth\",\"key\":\"" + KEY + "\"}");
            JsonObject error = client.nextNonStatus();
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("invalid_message");
        }
    }

    private static void assertAuthFailed(JsonObject message, String reason) {
        JsonObject error = message.getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("auth_failed");
        assertThat(error.getAsJsonObject("details").get("reason").getAsString()).isEqualTo(reason);
    }
}
