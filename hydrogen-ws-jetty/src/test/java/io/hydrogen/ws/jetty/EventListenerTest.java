package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The metrics SPI: one callback per event, several listeners, failures isolated. */
class EventListenerTest {

    @Test
    void everyLifecycleEventIsReported() {
        RecordingListener events = new RecordingListener();
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(50)).eventListener(events))) {
            try (TestClient client = TestClient.connect(server.uri(), KEY)) {
                client.next("status");
                client.send("{\"type\":\"ping\"}");
                // Pushes come every 50 ms and may arrive before the pong on a busy machine.
                assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("pong");
                client.send("{\"type\":\"nope\"}");
                client.nextNonStatus();
                await().atMost(Duration.ofSeconds(5)).until(() -> events.has("tick 1"));
            }
            try (TestClient pending = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
                pending.send("{\"type\":\"auth\",\"key\":\"wrong-wrong-wrong\"}");
                pending.awaitClose();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> events.has("closed true 1000")
                    && events.has("closed false 1008"));
            String principal = events.events.stream().filter(e -> e.startsWith("authenticated ")).findFirst()
                    .orElseThrow().substring("authenticated ".length());
            assertThat(principal).startsWith("api-key:").doesNotContain(KEY);
            assertThat(events.events).contains("opened null", "received ping 15", "received null 15",
                    "error invalid_message", "authFailed invalid key", "sent");
        }
    }

    @Test
    void aSentMessageIsReportedWithItsSizeInBytes() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        HydrogenEventListener listener = new HydrogenEventListener() {
            @Override
            public void messageSent(ConnectionInfo connection, int bytes) {
                sizes.add(bytes);
            }
        };
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback().eventListener(listener));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            String greeting = client.nextText(); // the status written to an idle queue
            await().atMost(Duration.ofSeconds(5)).until(() -> !sizes.isEmpty());
            assertThat(sizes.get(0)).isEqualTo(greeting.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void aThrowingListenerIsIsolated() {
        RecordingListener healthy = new RecordingListener();
        HydrogenEventListener broken = new HydrogenEventListener() {
            @Override
            public void connectionAuthenticated(ConnectionInfo connection) {
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void messageSent(ConnectionInfo connection, int bytes) {
                throw new IllegalStateException("metrics backend down");
            }
        };
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .eventListener(broken).eventListener(healthy));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            client.send("{\"type\":\"ping\"}");
            client.next("pong");
            assertThat(healthy.events).anyMatch(e -> e.startsWith("authenticated api-key:"));
            assertThat(server.context().activeConnections()).isEqualTo(1);
        }
    }
}
