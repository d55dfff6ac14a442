package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.StatusProvider;
import io.hydrogen.ws.topics.Notification;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resume without loss: a client that disconnects (cleanly, abruptly, or closed with 1013 for not
 * reading) reconnects with {@code resume} and receives exactly the events it missed, in order, once.
 */
class TopicResumeTest {

    private static Notification event(int i) {
        return new Notification(Notification.Level.INFO, "n", "event " + i, null, Map.of("i", i));
    }

    private static String subscribe(String epoch, long seq) {
        return "{\"type\":\"subscribe\",\"topic\":\"notification\",\"resume\":{\"epoch\":\"" + epoch + "\",\"seq\":"
                + seq + "}}";
    }

    /** Reads events until {@code last}, asserting contiguous seqs from {@code first}; skips status pushes. */
    private static void expectEvents(TestClient client, long first, long last) {
        for (long seq = first; seq <= last; seq++) {
            JsonObject event = client.nextNonStatus();
            assertThat(event.get("type").getAsString()).as(event.toString()).isEqualTo("event");
            assertThat(event.get("seq").getAsLong()).isEqualTo(seq);
            assertThat(event.getAsJsonObject("data").getAsJsonObject("details").get("i").getAsLong()).isEqualTo(seq);
        }
    }

    /** @return the seq of the last event read after subscribing live and reading {@code count} events */
    private static long subscribeAndRead(HydrogenWebSocketServer server, TestClient client, int count) {
        client.send("{\"type\":\"subscribe\",\"topic\":\"notification\"}");
        long start = client.nextNonStatus().get("seq").getAsLong();
        for (int i = 1; i <= count; i++) {
            server.topics().notifications().emit(event((int) start + i));
        }
        expectEvents(client, start + 1, start + count);
        return start + count;
    }

    @Test
    void afterACleanCloseTheMissedEventsArriveExactlyOnceThenLiveOnes() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            String epoch = server.topics().epoch();
            long last;
            try (TestClient first = TestClient.connect(server.uri(), KEY)) {
                first.next("status");
                last = subscribeAndRead(server, first, 5);
            }
            for (int i = 6; i <= 10; i++) {
                server.topics().notifications().emit(event(i));
            }
            try (TestClient again = TestClient.connect(server.uri(), KEY)) {
                again.next("status");
                again.send(subscribe(epoch, last));
                JsonObject subscribed = again.next("subscribed");
                assertThat(subscribed.get("resumed").getAsBoolean()).isTrue();
                assertThat(subscribed.get("seq").getAsLong()).isEqualTo(10);
                expectEvents(again, 6, 10);
                server.topics().notifications().emit(event(11));
                expectEvents(again, 11, 11);
                assertThat(again.messages).isEmpty();
            }
        }
    }

    @Test
    void afterAnAbruptDisconnectToo() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            TestClient first = TestClient.connect(server.uri(), KEY);
            first.next("status");
            long last = subscribeAndRead(server, first, 3);
            first.socket.abort();
            for (int i = 4; i <= 40; i++) {
                server.topics().notifications().emit(event(i));
            }
            try (TestClient again = TestClient.connect(server.uri(), KEY)) {
                again.next("status");
                again.send(subscribe(server.topics().epoch(), last));
                assertThat(again.next("subscribed").get("resumed").getAsBoolean()).isTrue();
                expectEvents(again, 4, 40);
            }
        }
    }

    @Test
    void afterA1013ForNotReading() {
        StatusProvider bulky = ServerFixture.bulky(64_000);
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(20))
                .endpoint(e -> e.statusProvider(bulky))
                .queues(q -> q.maxQueueDelay(Duration.ofMillis(500))));
             TestClient stuck = TestClient.connect(server.uri(), KEY)) {
            long last = subscribeAndRead(server, stuck, 3);
            stuck.pauseReading();
            // Events keep coming while the client's socket fills with status pushes it does not read.
            int i = (int) last;
            while (server.context().activeConnections() > 0 && i - last < 900) { // within the window
                server.topics().notifications().emit(event(++i));
                sleep(10);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.context().activeConnections() == 0);
            assertThat(server.context().outboundStats().slowClientsClosed()).isEqualTo(1);
            long lastEmitted = server.topics().notifications().seq();
            assertThat(lastEmitted - last).isLessThan(1000); // still in the replay window

            try (TestClient again = TestClient.connect(server.uri(), KEY)) {
                again.send(subscribe(server.topics().epoch(), last));
                JsonObject subscribed = again.nextNonStatus();
                assertThat(subscribed.get("resumed").getAsBoolean()).isTrue();
                expectEvents(again, last + 1, lastEmitted);
            }
        }
    }

    @Test
    void outsideTheWindowOrAfterARestartTheClientLearnsItMissedEvents() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .topics(t -> t.replayWindow(10, Duration.ofMinutes(1))))) {
            for (int i = 1; i <= 30; i++) {
                server.topics().notifications().emit(event(i));
            }
            try (TestClient client = TestClient.connect(server.uri(), KEY)) {
                client.next("status");
                client.send(subscribe(server.topics().epoch(), 5)); // events 6..20 left the window
                JsonObject subscribed = client.next("subscribed");
                assertThat(subscribed.get("resumed").getAsBoolean()).isFalse();
                client.send(subscribe(server.topics().epoch(), 20)); // 21..30 are all still there
                assertThat(client.next("subscribed").get("resumed").getAsBoolean()).isTrue();
                expectEvents(client, 21, 30);
                client.send(subscribe("another-epoch", 25)); // a restarted server: seqs mean nothing
                assertThat(client.next("subscribed").get("resumed").getAsBoolean()).isFalse();
                client.send(subscribe(server.topics().epoch(), 30)); // up to date: nothing to replay
                assertThat(client.next("subscribed").get("resumed").getAsBoolean()).isTrue();
                server.topics().notifications().emit(event(31));
                expectEvents(client, 31, 31);
                client.send(subscribe(server.topics().epoch(), 99)); // from the future: not resumable
                assertThat(client.next("subscribed").get("resumed").getAsBoolean()).isFalse();
            }
        }
    }

    @Test
    void aReadingClientThatResumesAFullWindowBackIsNotClosedByItsOwnReplay() {
        Map<String, Object> big = Map.of("padding", "y".repeat(16_000));
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            for (int i = 1; i <= 1000; i++) {
                server.topics().notifications().emit(new Notification(Notification.Level.INFO, "n", "big", null,
                        Map.of("i", i, "big", big)));
            }
            // 16 MB of replay against a 1 MiB queue: fed as the queue drains.
            try (TestClient client = TestClient.connect(server.uri(), KEY)) {
                client.next("status");
                client.send(subscribe(server.topics().epoch(), 0));
                assertThat(client.next("subscribed").get("resumed").getAsBoolean()).isTrue();
                expectEvents(client, 1, 1000);
                assertThat(client.closed).isNotDone();
                assertThat(server.context().outboundStats().slowClientsClosed()).isZero();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
