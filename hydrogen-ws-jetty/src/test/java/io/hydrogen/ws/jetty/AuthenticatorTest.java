package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HandshakeRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The auth SPI, key rotation at runtime, and the query-string key option. */
class AuthenticatorTest {

    /** Accepts "Bearer good-token", rejects other bearer tokens, abstains otherwise. */
    private static final Authenticator BEARER = new Authenticator() {
        @Override
        public AuthDecision authenticate(HandshakeRequest request) {
            String header = request.header("Authorization").orElse("");
            if (!header.startsWith("Bearer ")) {
                return AuthDecision.abstain();
            }
            return header.equals("Bearer good-token") ? AuthDecision.accept("tablet-7")
                    : AuthDecision.reject("unknown token");
        }
    };

    @Test
    void customAuthenticatorAcceptsWithAPrincipalAndTheBuiltInStillWorks() throws Exception {
        RecordingListener events = new RecordingListener();
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.authenticator(BEARER)).eventListener(events))) {
            try (TestClient tablet = TestClient.connect(server.uri(), "hydrogen-protocol", "Bearer good-token")) {
                tablet.next("status");
            }
            try (TestClient keyed = TestClient.connect(server.uri(), KEY)) {
                keyed.next("status");
            }
            assertThat(events.events).contains("authenticated tablet-7");
            RawHttp.Response rejected = RawHttp.upgrade(server.port(), "/", "Authorization: Bearer stolen",
                    "Sec-WebSocket-Protocol: hydrogen-protocol");
            assertThat(rejected.status()).isEqualTo(401);
            assertThat(reason(rejected)).isEqualTo("unknown token");
        }
    }

    @Test
    void authenticatorSeesTheHandshake() throws Exception {
        AtomicReference<HandshakeRequest> seen = new AtomicReference<>();
        Authenticator spy = request -> {
            seen.set(request);
            return AuthDecision.abstain();
        };
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.authenticator(spy)))) {
            RawHttp.upgrade(server.port(), "/?printer=3&tag=a%20b", "Authorization: Key " + KEY,
                    "Origin: http://dashboard.local", "Sec-WebSocket-Protocol: hydrogen-protocol, chat");
            HandshakeRequest request = seen.get();
            assertThat(request.path()).isEqualTo("/");
            assertThat(request.origin()).contains("http://dashboard.local");
            assertThat(request.queryParameters().get("tag")).containsExactly("a b");
            assertThat(request.subProtocols()).containsExactly("hydrogen-protocol", "chat");
            assertThat(request.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(request.toString()).doesNotContain(KEY);
        }
    }

    @Test
    void customAuthenticatorCanDeferToInBandAndDecideTheKey() {
        Authenticator pin = new Authenticator() {
            @Override
            public AuthDecision authenticate(HandshakeRequest request) {
                return AuthDecision.deferToInBand();
            }

            @Override
            public AuthDecision authenticateInBand(String key, HandshakeRequest request) {
                return key.equals("1234") ? AuthDecision.accept("kiosk") : AuthDecision.reject("wrong pin");
            }
        };
        try (HydrogenWebSocketServer server = ServerFixture.started(
                HydrogenWebSocketServer.builder()
                        .binding(b -> b.host("127.0.0.1")).port(0).endpoint(e -> e.statusProviderDiscovery(false))
                        .auth(a -> a.authenticator(pin)).statusInterval(Duration.ZERO))) {
            try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
                client.send("{\"type\":\"auth\",\"key\":\"1234\"}");
                client.next("auth_ok");
                client.next("status");
            }
            try (TestClient client = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
                client.send("{\"type\":\"auth\",\"key\":\"0000\"}");
                assertThat(client.next("error").getAsJsonObject("error").getAsJsonObject("details")
                        .get("reason").getAsString()).isEqualTo("wrong pin");
                assertThat(client.awaitClose().code()).isEqualTo(1008);
            }
        }
    }

    @Test
    void throwingAuthenticatorRejects() throws Exception {
        Authenticator broken = request -> {
            throw new IllegalStateException("ldap down");
        };
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.authenticator(broken)))) {
            RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY,
                    "Sec-WebSocket-Protocol: hydrogen-protocol");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("ldap");
        }
    }

    @Test
    void keysCanBeAddedAndRevokedAtRuntime() {
        String rotated = "rotated-key-abcdefghijklmnop";
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(50)))) {
            server.apiKeys().add(rotated);
            assertThat(server.apiKeys().size()).isEqualTo(2);
            TestClient old = TestClient.connect(server.uri(), KEY);
            TestClient fresh = TestClient.connect(server.uri(), rotated);
            old.next("status");
            fresh.next("status");

            assertThat(server.apiKeys().revoke(KEY)).isTrue();
            assertThat(server.apiKeys().revoke(KEY)).isFalse();

            JsonObject error = old.nextNonStatus();
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("auth_failed");
            assertThat(error.getAsJsonObject("error").getAsJsonObject("details").get("reason").getAsString())
                    .isEqualTo("key revoked");
            assertThat(old.awaitClose().code()).isEqualTo(1008);
            fresh.next("status"); // unaffected
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 1);
            assertThat(server.apiKeys().size()).isEqualTo(1);
            try {
                TestClient.connect(server.uri(), KEY);
                throw new AssertionError("a revoked key must not connect");
            } catch (java.util.concurrent.CompletionException expected) {
                assertThat(expected.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            }
            fresh.close();
        }
    }

    @Test
    void queryKeyIsOffByDefaultAndWorksWhenEnabled() throws Exception {
        String encoded = "/?key=" + java.net.URLEncoder.encode(KEY, java.nio.charset.StandardCharsets.UTF_8);
        try (HydrogenWebSocketServer strict = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.inBandAuth(false)))) {
            assertThat(RawHttp.upgrade(strict.port(), encoded, "Sec-WebSocket-Protocol: hydrogen-protocol").status())
                    .isEqualTo(401);
        }
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.queryKeyAuth(true)));
             TestClient client = TestClient.connect(URI.create(server.uri() + encoded.substring(1)),
                     "hydrogen-protocol", null)) {
            assertThat(client.next("status").get("active_connections").getAsInt()).isEqualTo(1);
        }
    }

    private static String reason(RawHttp.Response response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error")
                .getAsJsonObject("details").get("reason").getAsString();
    }
}
