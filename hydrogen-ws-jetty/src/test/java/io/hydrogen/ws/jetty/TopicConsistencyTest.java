package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.jetty.internal.topics.MergePatch;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.StateTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Against a reference model: thousands of random publications reach clients as patches that
 * reproduce the server's value, whatever their options; and under concurrency (many publishers,
 * clients that subscribe, resubscribe and leave) every connection's seqs only grow.
 */
class TopicConsistencyTest {

    private static final Gson GSON = new Gson();

    @Test
    void patchesReproduceTheValueOverThousandsOfRandomPublications() throws InterruptedException {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .topics(t -> t.stateTopic("model")));
             TestClient every = TestClient.connect(server.uri(), KEY);
             TestClient paced = TestClient.connect(server.uri(), KEY);
             TestClient banded = TestClient.connect(server.uri(), KEY)) {
            StateTopic<Object> topic = server.topics().state("model");
            every.send("{\"type\":\"subscribe\",\"topic\":\"model\"}");
            paced.send("{\"type\":\"subscribe\",\"topic\":\"model\",\"min_interval_ms\":50}");
            banded.send("{\"type\":\"subscribe\",\"topic\":\"model\",\"deadband\":5}");
            for (TestClient client : List.of(every, paced, banded)) {
                client.next("status");
                client.next("subscribed");
                client.next("snapshot");
            }
            Random random = new Random(42);
            JsonObject model = new JsonObject();
            long seq = 0;
            for (int i = 0; i < 3000; i++) {
                JsonObject change = RandomJson.object(random, 3);
                if (random.nextInt(3) == 0) {
                    model = change;
                    seq = topic.publish(GSON.fromJson(change, Map.class));
                } else {
                    model = MergePatch.apply(model, change).getAsJsonObject();
                    seq = topic.update(GSON.fromJson(change, Map.class));
                }
            }
            JsonElement expected = RandomJson.withoutNulls(model);
            assertThat(follow(every, seq)).isEqualTo(expected);
            assertThat(follow(paced, seq)).isEqualTo(expected);
            assertThat(withinDeadband(followUntilQuiet(banded), expected, 5)).isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingGetsOneMergedUpdateInsteadOfABacklog() {
        String padding = "p".repeat(50_000); // fills the client's socket quickly
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .topics(t -> t.stateTopic("model")));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            StateTopic<Object> topic = server.topics().state("model");
            client.send("{\"type\":\"subscribe\",\"topic\":\"model\"}");
            client.next("status");
            client.next("subscribed");
            client.next("snapshot");
            client.pauseReading();
            long seq = 0;
            for (int i = 1; i <= 500; i++) {
                // every member changes: each update is a big patch; paced so that each one is fanned out
                seq = topic.publish(Map.of("count", i, "padding", padding + i));
                sleep(2);
            }
            long last = seq;
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.context().outboundStats().messagesConflated() > 0);
            client.resumeReading();
            JsonElement value = follow(client, last);
            assertThat(value.getAsJsonObject().get("count").getAsInt()).isEqualTo(500);
            assertThat(server.context().outboundStats().messagesConflated()).isPositive();
            assertThat(value.getAsJsonObject().get("padding").getAsString()).isEqualTo(padding + 500);
            assertThat(server.context().activeConnections()).isEqualTo(1); // merged, not closed with 1013
        }
    }

    /** Applies updates until the one that carries {@code seq}. */
    private static JsonElement follow(TestClient client, long seq) {
        JsonElement value = new JsonObject();
        long last = 0;
        while (last < seq) {
            JsonObject update = client.next("update");
            assertThat(update.get("seq").getAsLong()).isGreaterThan(last);
            last = update.get("seq").getAsLong();
            value = MergePatch.apply(value, update.getAsJsonObject("data"));
        }
        return value;
    }

    /** Applies updates until none comes for a second (a deadband may hold back the last ones). */
    private static JsonElement followUntilQuiet(TestClient client) throws InterruptedException {
        JsonElement value = new JsonObject();
        for (String text = client.messages.poll(1, TimeUnit.SECONDS); text != null;
                text = client.messages.poll(1, TimeUnit.SECONDS)) {
            JsonObject update = JsonParser.parseString(text).getAsJsonObject();
            assertThat(update.get("type").getAsString()).isEqualTo("update");
            value = MergePatch.apply(value, update.getAsJsonObject("data"));
        }
        return value;
    }

    private static boolean withinDeadband(JsonElement actual, JsonElement expected, double deadband) {
        if (expected.isJsonObject() && actual.isJsonObject()) {
            JsonObject a = actual.getAsJsonObject();
            JsonObject e = expected.getAsJsonObject();
            return a.keySet().equals(e.keySet())
                    && e.keySet().stream().allMatch(k -> withinDeadband(a.get(k), e.get(k), deadband));
        }
        if (expected.isJsonPrimitive() && ((JsonPrimitive) expected).isNumber()
                && actual.isJsonPrimitive() && ((JsonPrimitive) actual).isNumber()) {
            return Math.abs(actual.getAsDouble() - expected.getAsDouble()) < deadband;
        }
        return actual.equals(expected);
    }

    @Test
    void underConcurrencyEveryConnectionsSeqsOnlyGrow() throws Exception {
        // A window large enough that no reader falls out of it on a busy machine: ordering is the point here.
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .topics(t -> t.replayWindow(1_000_000, Duration.ofMinutes(10))))) {
            AtomicBoolean publishing = new AtomicBoolean(true);
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int publisher = p;
                Thread thread = new Thread(() -> {
                    for (int i = 0; publishing.get(); i++) {
                        server.topics().temperature().publish(TopicsTest.temperatures(20 + i % 100, publisher));
                        if (i % 4 == 0) {
                            server.topics().notifications().emit(Notification.of(Notification.Level.INFO,
                                    "p" + publisher, "n" + i));
                        }
                        sleep(1);
                    }
                });
                thread.start();
                publishers.add(thread);
            }
            CountDownLatch done = new CountDownLatch(6);
            List<Throwable> failures = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                new Thread(() -> {
                    try {
                        churn(server);
                    } catch (Throwable t) {
                        synchronized (failures) {
                            failures.add(t);
                        }
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            done.await();
            publishing.set(false);
            for (Thread publisher : publishers) {
                publisher.join();
            }
            assertThat(failures).isEmpty();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.context().activeConnections() == 0);
            assertThat(server.context().totalConnections()).isEqualTo(6 * 3);
        }
    }

    /** Three connections in a row: each subscribes, re-subscribes with other options, reads, leaves. */
    private static void churn(HydrogenWebSocketServer server) {
        for (int round = 0; round < 3; round++) {
            try (TestClient client = TestClient.connect(server.uri(), KEY)) {
                client.send("{\"type\":\"subscribe\",\"topic\":\"temperature\"}");
                client.send("{\"type\":\"subscribe\",\"topic\":\"notification\"}");
                client.send("{\"type\":\"subscribe\",\"topic\":\"temperature\",\"deadband\":0.5,\"min_interval_ms\":"
                        + ThreadLocalRandom.current().nextInt(0, 30) + "}");
                Map<String, Long> lastSeq = new HashMap<>();
                long lastEvent = -1;
                for (int i = 0; i < 300; i++) {
                    JsonObject message = client.next();
                    String type = message.get("type").getAsString();
                    if (type.equals("subscribed")) {
                        lastSeq.remove(message.get("topic").getAsString()); // a new subscription starts over
                        if (message.get("topic").getAsString().equals("notification")) {
                            lastEvent = message.get("seq").getAsLong();
                        }
                    } else if (type.equals("snapshot") || type.equals("update")) {
                        String topic = message.get("topic").getAsString();
                        long seq = message.get("seq").getAsLong();
                        assertThat(seq).as(type).isGreaterThan(lastSeq.getOrDefault(topic, -1L));
                        lastSeq.put(topic, seq);
                    } else if (type.equals("event")) {
                        long seq = message.get("seq").getAsLong();
                        assertThat(seq).as("events are contiguous").isEqualTo(lastEvent + 1);
                        lastEvent = seq;
                    }
                }
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
