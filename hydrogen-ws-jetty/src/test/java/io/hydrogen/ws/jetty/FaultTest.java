package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Faults on one connection stay on that connection. */
class FaultTest {

    @Test
    void abruptDisconnectsMidFrameAreCleanedUp() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(20)));
             TestClient bystander = TestClient.connect(server.uri(), KEY)) {
            bystander.next("status");
            for (int i = 0; i < 20; i++) {
                Socket socket = RawHttp.openUpgraded(server.port(), "/", "Authorization: Key " + KEY,
                        "Sec-WebSocket-Protocol: hydrogen-protocol");
                byte[] frame = RawHttp.maskedTextFrame("{\"type\":\"ping\",\"id\":" + i + "}");
                socket.getOutputStream().write(frame, 0, frame.length / 2); // half a frame, then gone
                socket.setSoLinger(true, 0); // RST instead of FIN on some iterations
                socket.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.context().activeConnections() == 1);
            assertThat(server.context().totalConnections()).isEqualTo(21);
            long seq = bystander.next("status").get("seq").getAsLong();
            assertThat(bystander.next("status").get("seq").getAsLong()).isGreaterThan(seq);
        }
    }

    @Test
    void aHandlerThatHangsBlocksOnlyItsOwnConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(50))
                .endpoint(handlers -> handlers.messageHandler("stuck", request -> {
                    try {
                        release.await(); // a handler that blocks its network thread (it should not)
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "finally";
                })));
             TestClient victim = TestClient.connect(server.uri(), KEY);
             TestClient other = TestClient.connect(server.uri(), KEY)) {
            victim.next("status");
            other.next("status");
            victim.send("{\"type\":\"stuck\",\"id\":1}");
            other.send("{\"type\":\"ping\",\"id\":2}");
            assertThat(other.nextNonStatus().get("type").getAsString()).isEqualTo("pong");
            long seq = other.next("status").get("seq").getAsLong();
            assertThat(other.next("status").get("seq").getAsLong()).isGreaterThan(seq);
            release.countDown();
            assertThat(victim.nextNonStatus().get("result").getAsString()).isEqualTo("finally");
        }
    }
}
