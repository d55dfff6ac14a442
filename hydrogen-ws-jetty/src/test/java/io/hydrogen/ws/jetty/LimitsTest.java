package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connection caps, auth-failure throttling, the Origin allow-list and trusted proxies. */
class LimitsTest {

    private static final String PROTOCOL = "Sec-WebSocket-Protocol: hydrogen-protocol";
    private static final String AUTH = "Authorization: Key " + KEY;

    @Test
    void overTheConnectionCapIs503ServerBusy() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxConnections(2)));
             TestClient a = TestClient.connect(server.uri(), KEY);
             TestClient b = TestClient.connect(server.uri(), KEY)) {
            a.next("status");
            b.next("status");
            RawHttp.Response third = RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL);
            assertThat(third.status()).isEqualTo(503);
            assertThat(code(third)).isEqualTo("server_busy");
        }
    }

    @Test
    void overThePendingCapIs503() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxPendingConnections(1)));
             TestClient pending = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().connections().size() == 1);
            RawHttp.Response second = RawHttp.upgrade(server.port(), "/", PROTOCOL);
            assertThat(second.status()).isEqualTo(503);
            assertThat(reason(second)).isEqualTo("too many connections waiting to authenticate");
            assertThat(RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL).status())
                    .as("clients with a key are not pending").isEqualTo(101);
        }
    }

    @Test
    void perAddressCapCountsRealClientsBehindATrustedProxyAndExemptsLoopback() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxConnectionsPerAddress(1)).auth(a -> a.trustedProxy("127.0.0.1")));
             Socket first = RawHttp.openUpgraded(server.port(), "/", AUTH, PROTOCOL, "X-Forwarded-For: 203.0.113.7")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 1);
            RawHttp.Response sameClient = RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL,
                    "X-Forwarded-For: 203.0.113.7");
            assertThat(sameClient.status()).isEqualTo(503);
            assertThat(reason(sameClient)).isEqualTo("too many connections from this address");
            assertThat(RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL, "Forwarded: for=198.51.100.2").status())
                    .isEqualTo(101);
            // The proxy's own (loopback) address is not capped.
            try (Socket a = RawHttp.openUpgraded(server.port(), "/", AUTH, PROTOCOL);
                 Socket b = RawHttp.openUpgraded(server.port(), "/", AUTH, PROTOCOL)) {
                assertThat(a.isConnected() && b.isConnected()).isTrue();
            }
        }
    }

    @Test
    void forwardingHeadersFromUntrustedPeersAreIgnored() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxConnectionsPerAddress(1)));
             Socket first = RawHttp.openUpgraded(server.port(), "/", AUTH, PROTOCOL, "X-Forwarded-For: 203.0.113.7")) {
            // Spoofed: the peer is loopback (exempt), so the header must not make it count as 203.0.113.7.
            assertThat(RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL, "X-Forwarded-For: 203.0.113.7").status())
                    .isEqualTo(101);
        }
    }

    @Test
    void repeatedAuthFailuresAreRefusedWith429AndRetryAfter() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.authFailureLimit(3, Duration.ofMinutes(1)).trustedProxy("127.0.0.1")))) {
            String attacker = "X-Forwarded-For: 203.0.113.66";
            for (int i = 0; i < 3; i++) {
                assertThat(RawHttp.upgrade(server.port(), "/", "Authorization: Key guess-" + i, PROTOCOL, attacker)
                        .status()).isEqualTo(401);
            }
            RawHttp.Response throttled = RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL, attacker);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(code(throttled)).isEqualTo("too_many_auth_failures");
            assertThat(RawHttp.get(server.port(), "/api/system/info", AUTH, attacker).status()).isEqualTo(429);
            // Other addresses, and successful clients, are not slowed.
            for (int i = 0; i < 5; i++) {
                assertThat(RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL, "X-Forwarded-For: 198.51.100.9")
                        .status()).isEqualTo(101);
            }
        }
    }

    @Test
    void inBandGuessesAreThrottledTooEvenWhenTheLastGuessIsRight() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.authFailureLimit(2, Duration.ofMinutes(1))))) {
            // Pending connections opened before the failures, so the handshake throttle is not what stops them.
            TestClient first = TestClient.connect(server.uri(), "hydrogen-protocol", null);
            TestClient second = TestClient.connect(server.uri(), "hydrogen-protocol", null);
            TestClient third = TestClient.connect(server.uri(), "hydrogen-protocol", null);
            first.send("{\"type\":\"auth\",\"key\":\"guess-1-guess-1\"}");
            first.awaitClose();
            second.send("{\"type\":\"auth\",\"key\":\"guess-2-guess-2\"}");
            second.awaitClose();
            third.send("{\"type\":\"auth\",\"key\":\"" + KEY + "\"}");
            JsonObject answer = third.next("error");
            assertThat(answer.getAsJsonObject("error").getAsJsonObject("details").get("reason").getAsString())
                    .isEqualTo("too many authentication failures");
            assertThat(third.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void aClientCannotPickItsAddressWithAForwardedHeaderThroughAProxyThatSetsXForwardedFor() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .limits(l -> l.maxConnectionsPerAddress(1)).auth(a -> a.trustedProxy("127.0.0.1")));
             Socket first = RawHttp.openUpgraded(server.port(), "/", AUTH, PROTOCOL,
                     "X-Forwarded-For: 203.0.113.7", "Forwarded: for=198.51.100.1")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 1);
            RawHttp.Response forged = RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL,
                    "X-Forwarded-For: 203.0.113.7", "Forwarded: for=198.51.100.2");
            assertThat(forged.status()).isEqualTo(503);
        }
    }

    @Test
    void originAllowListRefusesOtherBrowserOriginsWith403() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .auth(a -> a.allowedOrigin("https://dashboard.example")))) {
            RawHttp.Response evil = RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL, "Origin: https://evil.example");
            assertThat(evil.status()).isEqualTo(403);
            assertThat(code(evil)).isEqualTo("origin_not_allowed");
            assertThat(RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL, "Origin: https://Dashboard.example")
                    .status()).isEqualTo(101);
            assertThat(RawHttp.upgrade(server.port(), "/", AUTH, PROTOCOL).status())
                    .as("non-browser clients send no Origin").isEqualTo(101);
        }
    }

    private static JsonObject error(RawHttp.Response response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
    }

    private static String code(RawHttp.Response response) {
        return error(response).get("code").getAsString();
    }

    private static String reason(RawHttp.Response response) {
        return error(response).getAsJsonObject("details").get("reason").getAsString();
    }
}
