package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol items 2 and 3: subprotocol and key checks at the handshake. */
class HandshakeTest {

    private HydrogenWebSocketServer server;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback().apiKey("second-key-abcdefghij"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void validKeyUpgradesWithTheSubprotocolAndAStatus() {
        try (TestClient client = TestClient.connect(server.uri(), KEY)) {
            assertThat(client.socket.getSubprotocol()).isEqualTo("hydrogen-protocol");
            assertThat(client.next("status").get("active_connections").getAsInt()).isEqualTo(1);
        }
    }

    @Test
    void anyOfSeveralKeysIsAccepted() {
        try (TestClient client = TestClient.connect(server.uri(), "second-key-abcdefghij")) {
            client.next("status");
        }
    }

    @Test
    void schemeIsCaseInsensitive() {
        try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", "kEy " + KEY)) {
            client.next("status");
        }
    }

    @Test
    void missingSubprotocolIs400WithJsonError() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("unsupported_protocol");
        assertThat(error.get("message").getAsString()).contains("hydrogen-protocol");
        assertThat(error.getAsJsonObject("details").get("expected").getAsString()).isEqualTo("hydrogen-protocol");
    }

    @Test
    void wrongSubprotocolIs400() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: chat, superchat");
        assertThat(response.status()).isEqualTo(400);
        JsonObject details = JsonParser.parseString(response.body()).getAsJsonObject()
                .getAsJsonObject("error").getAsJsonObject("details");
        assertThat(details.getAsJsonArray("offered").toString()).isEqualTo("[\"chat\",\"superchat\"]");
    }

    @Test
    void subprotocolAmongOthersIsAccepted() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: chat, hydrogen-protocol");
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("hydrogen-protocol");
    }

    @Test
    void wrongKeyIs401WithChallengeAndJsonError() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key wrong-key-123456789",
                "Sec-WebSocket-Protocol: hydrogen-protocol");
        assertAuthFailed(response, "invalid key");
        assertThat(response.body()).doesNotContain("wrong-key-123456789");
    }

    @Test
    void otherSchemeIs401() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Bearer " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol");
        assertAuthFailed(response, "Authorization scheme must be 'Key'");
    }

    @Test
    void emptyKeyIs401() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key ",
                "Sec-WebSocket-Protocol: hydrogen-protocol");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void jdkClientSeesA401AsHandshakeFailure() {
        assertThatThrownBy(() -> TestClient.connect(server.uri(), "nope-nope-nope-nope"))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        assertThat(server.context().totalConnections()).isZero();
    }

    @Test
    void missingHeaderIs401WhenInBandAuthIsOff() throws Exception {
        try (HydrogenWebSocketServer strict = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.inBandAuth(false)))) {
            RawHttp.Response response = RawHttp.upgrade(strict.port(), "/", "Sec-WebSocket-Protocol: hydrogen-protocol");
            assertAuthFailed(response, "missing Authorization header");
        }
    }

    @Test
    void permessageDeflateIsRefused() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol", "Sec-WebSocket-Extensions: permessage-deflate");
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("Sec-WebSocket-Extensions")).isNull();
    }

    @Test
    void plainHttpOnTheWebSocketPathIs426() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/");
        assertThat(response.status()).isEqualTo(426);
        assertThat(errorCode(response)).isEqualTo("upgrade_required");
    }

    @Test
    void otherPathsAre404AndDoNotUpgrade() throws Exception {
        assertThat(errorCode(RawHttp.get(server.port(), "/nope"))).isEqualTo("not_found");
        RawHttp.Response upgrade = RawHttp.upgrade(server.port(), "/other", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol");
        assertThat(upgrade.status()).isEqualTo(404);
    }

    @Test
    void responsesDoNotAdvertiseTheServerVersion() throws Exception {
        assertThat(RawHttp.get(server.port(), "/nope").header("Server")).isNull();
        assertThat(RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol").header("Server")).isNull();
    }

    @Test
    void malformedHttpGetsTheJsonEnvelope() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("application/json")
                    .contains("\"code\":\"http_error\"").doesNotContain("Jetty").doesNotContain("<html");
        }
    }

    @Test
    void configuredPathAndProtocolAreUsed() throws Exception {
        try (HydrogenWebSocketServer custom = ServerFixture.started(
                ServerFixture.loopback().endpoint(e -> e.path("/ws").protocol("printer-v2")))) {
            assertThat(custom.uri().getPath()).isEqualTo("/ws");
            try (TestClient client = TestClient.connect(custom.uri(), "printer-v2", "Key " + KEY)) {
                assertThat(client.socket.getSubprotocol()).isEqualTo("printer-v2");
                client.next("status");
            }
            assertThat(RawHttp.upgrade(custom.port(), "/ws", "Authorization: Key " + KEY,
                    "Sec-WebSocket-Protocol: hydrogen-protocol").status()).isEqualTo(400);
            assertThat(RawHttp.upgrade(custom.port(), "/", "Authorization: Key " + KEY,
                    "Sec-WebSocket-Protocol: printer-v2").status()).isEqualTo(404);
        }
    }

    private static void assertAuthFailed(RawHttp.Response response, String reason) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Key realm=\"hydrogen\"");
        JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("auth_failed");
        assertThat(error.getAsJsonObject("details").get("reason").getAsString()).isEqualTo(reason);
    }

    private static String errorCode(RawHttp.Response response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error")
                .get("code").getAsString();
    }
}
