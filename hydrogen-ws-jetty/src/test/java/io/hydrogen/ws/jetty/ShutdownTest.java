package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Protocol item 9: a graceful shutdown. */
class ShutdownTest {

    @Test
    void closeSendsLastStatusThen1001AndFreesThePort() throws Exception {
        HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
        int port = server.port();
        TestClient a = TestClient.connect(server.uri(), KEY);
        TestClient b = TestClient.connect(server.uri(), KEY);
        a.next("status");
        b.next("status");

        server.close();

        for (TestClient client : new TestClient[] {a, b}) {
            JsonObject last = client.next("status");
            assertThat(last.getAsJsonObject("status").get("running").getAsBoolean()).isFalse();
            assertThat(last.getAsJsonObject("status").get("shutting_down").getAsBoolean()).isTrue();
            TestClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("server shutting down");
        }
        assertThat(server.context().state()).isEqualTo(ServerState.STOPPED);
        assertThat(server.context().activeConnections()).isZero();
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void closeDeliversEverythingAlreadyQueuedBeforeThe1001() {
        HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
        TestClient client = TestClient.connect(server.uri(), KEY);
        client.next("status");
        for (int i = 0; i < 200; i++) {
            server.broadcast("job_progress", java.util.Map.of("n", i));
        }
        server.close();
        java.util.List<Integer> received = new java.util.ArrayList<>();
        JsonObject message;
        while (!(message = client.next()).get("type").getAsString().equals("status")) {
            received.add(message.getAsJsonObject("data").get("n").getAsInt());
        }
        assertThat(received).hasSize(200).isSorted();
        assertThat(message.getAsJsonObject("status").get("shutting_down").getAsBoolean()).isTrue();
        assertThat(client.awaitClose().code()).isEqualTo(1001);
    }

    @Test
    void pendingConnectionsAreClosedWith1001Too() {
        HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
        TestClient pending = TestClient.connect(server.uri(), "hydrogen-protocol", null);
        server.close();
        assertThat(pending.awaitClose().code()).isEqualTo(1001);
        assertThat(pending.messages).isEmpty();
    }

    @Test
    void clientThatStopsReadingIsDroppedAfterTheExitWait() throws Exception {
        HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback().exitWait(Duration.ofMillis(500))
                .limits(l -> l.maxMessagesPerSecond(1_000_000))); // the flood below is the point of this test
        try (Socket stalled = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                "Sec-WebSocket-Protocol: hydrogen-protocol")) {
            // Ask for ~7 MB of replies and never read them: the socket buffers fill and sends stall.
            byte[] request = RawHttp.maskedTextFrame("{\"type\":\"status\"}");
            for (int i = 0; i < 12_000; i++) {
                stalled.getOutputStream().write(request);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.context().totalRequests() == 12_000);
            long started = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
            assertThat(server.context().state()).isEqualTo(ServerState.STOPPED);
            assertThat(server.context().activeConnections()).isZero();
        }
    }

    @Test
    void closeIsIdempotentAndTheServerCannotRestart() {
        HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
        server.close();
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("STOPPED");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeBeforeStartIsAllowed() {
        HydrogenWebSocketServer server = ServerFixture.loopback().build();
        assertThat(server.context().state()).isEqualTo(ServerState.NEW);
        server.close();
        assertThat(server.context().state()).isEqualTo(ServerState.STOPPED);
    }

    @Test
    void restartOnTheSamePortRightAfterClose() {
        HydrogenWebSocketServer first = ServerFixture.started(ServerFixture.loopback());
        int port = first.port();
        first.close();
        try (HydrogenWebSocketServer second = ServerFixture.started(
                ServerFixture.loopback().port(port).binding(b -> b.portRangeEnd(port)))) {
            assertThat(second.port()).isEqualTo(port);
        }
    }
}
