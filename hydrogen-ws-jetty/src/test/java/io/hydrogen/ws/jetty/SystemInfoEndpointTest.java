package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol item 10: GET /api/system/info on the WebSocket port. */
class SystemInfoEndpointTest {

    private HydrogenWebSocketServer server;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withKeyReturnsStatusPortAndProtocol() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/system/info", "Authorization: Key " + KEY);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonObject info = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(info.get("port").getAsInt()).isEqualTo(server.port());
        assertThat(info.get("protocol").getAsString()).isEqualTo("hydrogen-protocol");
        assertThat(info.get("type").getAsString()).isEqualTo("status");
        assertThat(info.has("server_start_time")).isTrue();
        assertThat(info.getAsJsonObject("status").get("running").getAsBoolean()).isTrue();
        assertThat(server.context().totalRequests()).isZero();
    }

    @Test
    void withoutKeyIs401() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/system/info");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Key realm=\"hydrogen\"");
        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error")
                .get("code").getAsString()).isEqualTo("auth_failed");
    }

    @Test
    void wrongKeyIs401() throws Exception {
        assertThat(RawHttp.get(server.port(), "/api/system/info", "Authorization: Key nope-nope-nope-nope")
                .status()).isEqualTo(401);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        RawHttp.Response response = RawHttp.request(server.port(), "POST", "/api/system/info",
                "Authorization: Key " + KEY, "Content-Length: 0");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    /** The endpoint shares the handshake's admission: a wrong key is reported to listeners and metrics too. */
    @Test
    void aWrongKeyIsReportedToTheEventListenersLikeAtTheHandshake() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HydrogenWebSocketServer observed = ServerFixture.started(ServerFixture.loopback().eventListener(events))) {
            RawHttp.Response response = RawHttp.get(observed.port(), "/api/system/info", "Authorization: Key wrong");
            assertThat(response.status()).isEqualTo(401);
            assertThat(events.events).containsExactly("authFailed invalid key");
        }
    }
}
