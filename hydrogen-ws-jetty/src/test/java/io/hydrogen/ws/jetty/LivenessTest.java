package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Server pings and the pong timeout: vanished clients leave active_connections. */
class LivenessTest {

    @Test
    void aClientThatNeverAnswersPingsIsClosedAndOneThatDoesStays() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .liveness(l -> l.pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(600))));
             TestClient answering = TestClient.connect(server.uri(), KEY); // the JDK client answers pings
             Socket silent = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                     "Sec-WebSocket-Protocol: hydrogen-protocol")) {
            answering.next("status");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 2);
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.context().activeConnections() == 1);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // Within one pong timeout plus a ping round (and the abort grace if the close is stuck).
            assertThat(took).isLessThan(Duration.ofSeconds(4));
            assertThat(answering.closed).isNotDone();
            answering.send("{\"type\":\"ping\",\"id\":1}");
            assertThat(answering.nextNonStatus().get("type").getAsString()).isEqualTo("pong");
        }
    }

    @Test
    void pingsCanBeTurnedOff() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .liveness(l -> l.pingInterval(Duration.ZERO)));
             Socket silent = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                     "Sec-WebSocket-Protocol: hydrogen-protocol")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.context().activeConnections() == 1);
            Thread.sleep(1_000); // several would-be ping rounds
            assertThat(server.context().activeConnections()).isEqualTo(1);
        }
    }
}
