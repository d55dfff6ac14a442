package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.ConnectionStats;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.OutboundStats;
import io.hydrogen.ws.spi.StatusProvider;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbound path: bounds, conflation, slow clients, broadcasts, diagnostics, compression option. */
class OutboundTest {

    /** A status section of ~60 KB, so that a client that does not read fills its socket quickly. */
    private static final StatusProvider BULKY = ServerFixture.bulky(60_000);

    private static Socket nonReader(HydrogenWebSocketServer server) throws Exception {
        Socket socket = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol");
        socket.setReceiveBufferSize(4096);
        return socket;
    }

    @Test
    void aStuckClientIsConflatedThenClosedWhileOthersKeepReceiving() throws Exception {
        // 60 KB every 25 ms: the stuck client's socket fills within seconds, while the healthy JDK client
        // (2.4 MB/s) keeps up even on a busy machine.
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(25))
                .endpoint(e -> e.statusProvider(BULKY))
                .queues(q -> q.maxQueueDelay(Duration.ofSeconds(1))));
             TestClient healthy = TestClient.connect(server.uri(), KEY);
             Socket stuck = nonReader(server)) {
            healthy.next("status");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 2);
            // The stuck client's socket fills; waiting statuses are replaced, never piled up.
            await().atMost(Duration.ofSeconds(30)).until(() -> server.context().outboundStats().messagesConflated() > 5);
            assertThat(server.context().connections()).allSatisfy(c -> assertThat(c.queuedMessages()).isLessThanOrEqualTo(1));
            // Its write stays unfinished past the limit: closed (1013, or aborted if even that is stuck).
            await().atMost(Duration.ofSeconds(20)).until(() -> server.context().activeConnections() == 1);
            OutboundStats totals = server.context().outboundStats();
            assertThat(totals.slowClientsClosed()).isEqualTo(1);
            healthy.messages.clear();
            long before = healthy.next("status").get("seq").getAsLong();
            assertThat(healthy.next("status").get("seq").getAsLong()).isGreaterThan(before);
            assertThat(healthy.closed).isNotDone();
        }
    }

    @Test
    void aClientThatFloodsRequestsWithoutReadingIsClosedWith1013() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.statusProvider(BULKY)).queues(q -> q.maxQueuedMessages(64).maxQueuedBytes(256 * 1024))
                .limits(l -> l.maxMessagesPerSecond(1_000_000))); // the flood is the point of this test
             Socket flooder = nonReader(server)) {
            byte[] status = RawHttp.maskedTextFrame("{\"type\":\"status\"}");
            // ~60 MB of 60 KB replies: more than the loopback socket buffers hold, so the queue must grow.
            for (int i = 0; i < 1_000 && !flooder.isClosed(); i++) {
                try {
                    flooder.getOutputStream().write(status);
                } catch (java.io.IOException closedByServer) {
                    break;
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.context().outboundStats().slowClientsClosed() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.context().activeConnections() == 0);
            assertThat(server.context().outboundStats().messagesDropped()).isPositive();
        }
    }

    @Test
    void broadcastsReachEveryAuthenticatedClientWithoutBlockingTheCaller() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient a = TestClient.connect(server.uri(), KEY);
             TestClient b = TestClient.connect(server.uri(), KEY);
             TestClient pending = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
            a.next("status");
            b.next("status");
            server.broadcast("print_started", Map.of("file", "benchy.gcode", "layers", 120));
            for (TestClient client : new TestClient[] {a, b}) {
                JsonObject message = client.nextNonStatus();
                assertThat(message.get("type").getAsString()).isEqualTo("print_started");
                assertThat(message.getAsJsonObject("data").get("layers").getAsInt()).isEqualTo(120);
            }
            assertThat(pending.messages).isEmpty();
            assertThatThrownBy(() -> server.broadcast("status", 1)).isInstanceOf(IllegalArgumentException.class);
        }
        HydrogenWebSocketServer notStarted = ServerFixture.loopback().build();
        assertThatThrownBy(() -> notStarted.broadcast("x", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void diagnosticsPerConnectionAndTotalsInSystemInfo() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            client.send("{\"type\":\"ping\"}");
            client.next("pong");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().connections().get(0).messagesSent() == 2);
            ConnectionStats stats = server.context().connections().get(0);
            assertThat(stats.principal()).startsWith("api-key:");
            assertThat(stats.remoteAddress()).startsWith("127.0.0.1:");
            assertThat(stats.authenticated()).isTrue();
            assertThat(stats.queuedMessages()).isZero();
            assertThat(stats.lastSendCompleted()).isNotNull();

            RawHttp.Response info = RawHttp.get(server.port(), "/api/system/info", "Authorization: Key " + KEY);
            JsonObject outbound = JsonParser.parseString(info.body()).getAsJsonObject().getAsJsonObject("outbound");
            assertThat(outbound.keySet()).containsExactly("queued_messages", "queued_bytes", "messages_sent",
                    "messages_conflated", "messages_dropped", "slow_clients_closed");
            assertThat(outbound.get("messages_sent").getAsLong()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void permessageDeflateIsNegotiatedOnlyWhenEnabled() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.permessageDeflate(true)))) {
            RawHttp.Response response = RawHttp.upgrade(server.port(), "/", "Authorization: Key " + KEY,
                    "Sec-WebSocket-Protocol: hydrogen-protocol", "Sec-WebSocket-Extensions: permessage-deflate");
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        }
    }
}
