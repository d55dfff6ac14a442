package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Protocol items 6 and 7: client messages, replies, and the error envelope. */
class MessagesTest {

    private HydrogenWebSocketServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback().limits(l -> l.maxMessageBytes(1024)));
        client = TestClient.connect(server.uri(), KEY);
        client.next("status");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void pingIsAnsweredWithPongAndTheStringId() {
        client.send("{\"type\":\"ping\",\"id\":\"abc\"}");
        JsonObject pong = client.next("pong");
        assertThat(pong.toString()).isEqualTo("{\"type\":\"pong\",\"id\":\"abc\"}");
    }

    @Test
    void numericIdIsEchoedAsWritten() {
        client.send("{\"type\":\"ping\",\"id\":12345678901234567890}");
        String raw = nextRaw();
        assertThat(raw).isEqualTo("{\"type\":\"pong\",\"id\":12345678901234567890}");
    }

    @Test
    void pingWithoutIdGetsPongWithoutId() {
        client.send("{\"type\":\"ping\"}");
        assertThat(client.next("pong").has("id")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json at all                 | malformed JSON",
        "{\"type\":\"ping\"               | malformed JSON",
        "{'type':'ping'}                  | malformed JSON",
        "{\"type\":\"ping\"} {}           | malformed JSON",
        "[1,2,3]                          | message must be a JSON object",
        "\"ping\"                         | message must be a JSON object",
        "{\"id\":3}                       | missing 'type'",
        "{\"type\":7}                     | 'type' must be a string",
        "{\"type\":null}                  | 'type' must be a string",
        "{\"type\":\"ping\",\"id\":{}}    | 'id' must be a string or a number",
        "{\"type\":\"launch_rocket\"}     | unknown type",
    })
    void badMessagesGetInvalidMessageAndTheConnectionStaysOpen(String message, String reason) {
        client.send(message.trim());
        JsonObject error = client.next("error").getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("invalid_message");
        assertThat(error.get("message").getAsString()).isNotBlank();
        assertThat(error.getAsJsonObject("details").get("reason").getAsString()).startsWith(reason);
        assertStillServes();
    }

    @Test
    void malformedJsonReasonGivesThePositionButNoParserInternals() {
        client.send("{'type':'ping'}");
        String reason = client.next("error").getAsJsonObject("error").getAsJsonObject("details")
                .get("reason").getAsString();
        assertThat(reason).isEqualTo("malformed JSON at line 1 column 3");
    }

    @Test
    void errorsEchoTheIdWhenKnown() {
        client.send("{\"type\":\"launch_rocket\",\"id\":7}");
        JsonObject error = client.next("error");
        assertThat(error.get("id").getAsInt()).isEqualTo(7);
        assertThat(error.getAsJsonObject("error").getAsJsonObject("details").get("type").getAsString())
                .isEqualTo("launch_rocket");
    }

    @Test
    void binaryMessageIsInvalidAndTheConnectionStaysOpen() {
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        JsonObject error = client.next("error").getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("invalid_message");
        assertThat(error.getAsJsonObject("details").get("reason").getAsString()).contains("binary");
        assertStillServes();
    }

    @Test
    void fragmentedMessageIsOneRequest() {
        client.socket.sendText("{\"type\":", false).join();
        client.socket.sendText("\"ping\",", false).join();
        client.socket.sendText("\"id\":1}", true).join();
        assertThat(client.next("pong").get("id").getAsInt()).isEqualTo(1);
        assertThat(server.context().totalRequests()).isEqualTo(1);
    }

    @Test
    void oversizedMessageGetsInvalidMessageWithMaxBytesThen1009() {
        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
        JsonObject error = client.next("error").getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("invalid_message");
        assertThat(error.getAsJsonObject("details").get("max_bytes").getAsInt()).isEqualTo(1024);
        assertThat(client.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void limitCountsFragmentsTogether() {
        client.socket.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(600), false).join();
        client.socket.sendText("x".repeat(600) + "\"}", true).join();
        assertThat(client.next("error").getAsJsonObject("error").getAsJsonObject("details").get("max_bytes")
                .getAsInt()).isEqualTo(1024);
        assertThat(client.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void limitCountsUtf8Bytes() {
        // 400 three-byte characters: 400 chars but 1200 bytes.
        client.send("{\"type\":\"ping\",\"pad\":\"" + "\u20ac".repeat(400) + "\"}");
        assertThat(client.next("error").getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("invalid_message");
        assertThat(client.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void messageAtTheLimitIsAccepted() {
        String prefix = "{\"type\":\"ping\",\"pad\":\"";
        String message = prefix + "x".repeat(1024 - prefix.length() - 2) + "\"}";
        assertThat(message).hasSize(1024);
        client.send(message);
        client.next("pong");
    }

    @Test
    void everyTextMessageCountsOnceInTotalRequests() {
        client.send("{\"type\":\"ping\"}");
        client.send("garbage");
        client.send("{\"type\":\"nope\"}");
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {1}), true).join();
        for (int i = 0; i < 4; i++) {
            client.nextNonStatus();
        }
        assertThat(server.context().totalRequests()).isEqualTo(3);
    }

    @Test
    void failingHandlerYieldsServerErrorAndTheConnectionStaysOpen() {
        HydrogenWebSocketServer faulty = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.messageHandler("explode", request -> {
                    throw new IllegalStateException("boom");
                })));
        try (faulty; TestClient other = TestClient.connect(faulty.uri(), KEY)) {
            other.next("status");
            other.send("{\"type\":\"explode\",\"id\":42}");
            JsonObject error = other.next("error");
            assertThat(error.get("id").getAsInt()).isEqualTo(42);
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("server_error");
            assertThat(error.toString()).doesNotContain("boom").doesNotContain("IllegalStateException");
            other.send("{\"type\":\"ping\"}");
            other.next("pong");
        }
    }

    private void assertStillServes() {
        client.send("{\"type\":\"ping\",\"id\":\"alive\"}");
        assertThat(client.next("pong").get("id").getAsString()).isEqualTo("alive");
        await().atMost(Duration.ofSeconds(1)).until(() -> server.context().activeConnections() == 1);
    }

    private String nextRaw() {
        try {
            String raw = client.messages.poll(TestClient.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(raw).isNotNull();
            return raw;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
