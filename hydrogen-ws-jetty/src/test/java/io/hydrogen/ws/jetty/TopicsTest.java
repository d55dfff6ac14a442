package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.jetty.internal.topics.MergePatch;
import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Temperatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol v0.2: topics, subscriptions, snapshots, merge-patch updates, rates, deadbands, events. */
class TopicsTest {

    private HydrogenWebSocketServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback()
                .topics(t -> t.stateTopic("bed_mesh").eventTopic("print_log")));
        client = TestClient.connect(server.uri(), KEY);
        client.next("status");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static Temperatures temperatures(double extruder, double target) {
        return new Temperatures(Map.of("extruder", new Temperatures.Heater(extruder, target, 0.5)),
                Map.of("chamber", new Temperatures.Sensor(30)));
    }

    @Test
    void aStateSubscriptionGetsItsSnapshotThenMergePatches() {
        server.topics().temperature().publish(temperatures(25, 0));
        client.send("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"temperature\"}");
        JsonObject subscribed = client.next("subscribed");
        assertThat(subscribed.get("id").getAsInt()).isEqualTo(1);
        assertThat(subscribed.get("topic").getAsString()).isEqualTo("temperature");
        assertThat(subscribed.get("kind").getAsString()).isEqualTo("state");
        assertThat(subscribed.get("epoch").getAsString()).isEqualTo(server.topics().epoch()).hasSizeGreaterThan(7);
        assertThat(subscribed.get("seq").getAsLong()).isEqualTo(1);
        assertThat(subscribed.get("resumed").getAsBoolean()).isFalse();
        JsonObject snapshot = client.next("snapshot");
        assertThat(snapshot.get("seq").getAsLong()).isEqualTo(1);
        assertThat(snapshot.get("timestamp").getAsLong()).isPositive();
        assertThat(snapshot.getAsJsonObject("data").getAsJsonObject("heaters").getAsJsonObject("extruder")
                .get("actual").getAsDouble()).isEqualTo(25.0);

        server.topics().temperature().publish(temperatures(30, 200));
        JsonObject update = client.next("update");
        assertThat(update.get("topic").getAsString()).isEqualTo("temperature");
        assertThat(update.get("seq").getAsLong()).isEqualTo(2);
        // Only what changed: the extruder's actual and target, not the sensor nor the power.
        assertThat(update.getAsJsonObject("data").toString())
                .isEqualTo("{\"heaters\":{\"extruder\":{\"actual\":30.0,\"target\":200.0}}}");
    }

    @Test
    void theStatusMessageCarriesTheEpoch() {
        client.send("{\"type\":\"status\",\"id\":5}");
        assertThat(client.next("status").get("epoch").getAsString()).isEqualTo(server.topics().epoch());
    }

    @Test
    void topicsListsEveryTopicWithItsSeq() {
        server.topics().job().publish(JobStatus.IDLE);
        client.send("{\"type\":\"topics\",\"id\":3}");
        JsonObject topics = client.next("topics");
        assertThat(topics.get("id").getAsInt()).isEqualTo(3);
        assertThat(topics.get("epoch").getAsString()).isEqualTo(server.topics().epoch());
        List<String> listed = new ArrayList<>();
        topics.getAsJsonArray("topics").forEach(t -> listed.add(t.getAsJsonObject().get("name").getAsString() + ":"
                + t.getAsJsonObject().get("kind").getAsString() + ":" + t.getAsJsonObject().get("seq").getAsLong()));
        // control (the lease, issue 10) is published once at start: nobody holds it.
        assertThat(listed).containsExactly("status:status:0", "job:state:1", "temperature:state:0",
                "control:state:1", "bed_mesh:state:0", "notification:event:0", "print_log:event:0");
    }

    @Test
    void errorsNameTheTopicOrTheFieldAndKeepTheConnection() {
        client.send("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"nozzle\"}");
        JsonObject unknown = client.next("error");
        assertThat(unknown.get("id").getAsInt()).isEqualTo(1);
        assertThat(unknown.getAsJsonObject("error").get("code").getAsString()).isEqualTo("unknown_topic");
        assertThat(unknown.getAsJsonObject("error").getAsJsonObject("details").get("topic").getAsString())
                .isEqualTo("nozzle");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"job\",\"min_interval_ms\":-1}"))
                .isEqualTo("min_interval_ms");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"job\",\"min_interval_ms\":\"fast\"}"))
                .isEqualTo("min_interval_ms");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"job\",\"deadband\":-0.5}")).isEqualTo("deadband");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"job\",\"fields\":\"state\"}")).isEqualTo("fields");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"job\",\"fields\":[1]}")).isEqualTo("fields");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"notification\",\"deadband\":1}"))
                .isEqualTo("deadband");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"notification\",\"fields\":[\"code\"]}"))
                .isEqualTo("fields");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"notification\",\"resume\":{\"seq\":1}}"))
                .isEqualTo("resume");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"notification\",\"resume\":{\"epoch\":\"x\","
                + "\"seq\":-1}}")).isEqualTo("resume");
        assertThat(invalidField("{\"type\":\"subscribe\",\"topic\":\"status\",\"deadband\":1}")).isEqualTo("deadband");
        assertThat(invalidField("{\"type\":\"subscribe\"}")).isEqualTo("topic");
        client.send("{\"type\":\"ping\",\"id\":9}");
        assertThat(client.next("pong").get("id").getAsInt()).isEqualTo(9);
    }

    private String invalidField(String message) {
        client.send(message);
        JsonObject error = client.next("error").getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("invalid_message");
        return error.getAsJsonObject("details").get("field").getAsString();
    }

    @Test
    void fieldsSelectTopLevelMembers() {
        server.topics().job().publish(new JobStatus(JobStatus.State.PRINTING, "benchy.gcode", 0.1, 60, 540.0, 3, 120));
        client.send("{\"type\":\"subscribe\",\"topic\":\"job\",\"fields\":[\"state\",\"progress\"]}");
        client.next("subscribed");
        assertThat(client.next("snapshot").getAsJsonObject("data").toString())
                .isEqualTo("{\"state\":\"printing\",\"progress\":0.1}");
        server.topics().job().publish(new JobStatus(JobStatus.State.PRINTING, "benchy.gcode", 0.2, 120, 480.0, 6, 120));
        assertThat(client.next("update").getAsJsonObject("data").toString()).isEqualTo("{\"progress\":0.2}");
    }

    @Test
    void aDeadbandHoldsSmallNumericChangesButNotOthers() {
        server.topics().temperature().publish(temperatures(200.0, 210));
        client.send("{\"type\":\"subscribe\",\"topic\":\"temperature\",\"deadband\":0.5}");
        client.next("subscribed");
        client.next("snapshot");
        server.topics().temperature().publish(temperatures(200.3, 210)); // below the deadband: nothing
        server.topics().temperature().publish(temperatures(200.5, 210)); // exactly the deadband: goes out
        JsonObject update = client.next("update");
        assertThat(update.get("seq").getAsLong()).isEqualTo(3);
        assertThat(update.getAsJsonObject("data").toString())
                .isEqualTo("{\"heaters\":{\"extruder\":{\"actual\":200.5}}}");
        // A slow drift goes out once it adds up to the deadband from what the client holds.
        server.topics().temperature().publish(temperatures(200.8, 210));
        server.topics().temperature().publish(temperatures(201.0, 210));
        assertThat(client.next("update").getAsJsonObject("data").toString())
                .isEqualTo("{\"heaters\":{\"extruder\":{\"actual\":201.0}}}");
        // A non-numeric change always goes out.
        server.topics().temperature().update(Map.of("heaters", Map.of("extruder", Map.of("mode", "pid"))));
        assertThat(client.next("update").getAsJsonObject("data").toString())
                .isEqualTo("{\"heaters\":{\"extruder\":{\"mode\":\"pid\"}}}");
        assertThat(client.messages).isEmpty();
    }

    @Test
    void aMinimumIntervalMergesChangesAndLimitsTheRate() throws Exception {
        client.send("{\"type\":\"subscribe\",\"topic\":\"temperature\",\"min_interval_ms\":200}");
        client.next("subscribed");
        client.next("snapshot");
        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) { // 100 Hz for one second
            server.topics().temperature().publish(temperatures(25 + i, 200));
            Thread.sleep(10);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        JsonObject value = new JsonObject();
        int updates = 0;
        long lastSeq = 0;
        while (lastSeq < 100) {
            JsonObject update = client.next("update");
            assertThat(update.get("seq").getAsLong()).isGreaterThan(lastSeq);
            lastSeq = update.get("seq").getAsLong();
            value = MergePatch.apply(value, update.getAsJsonObject("data")).getAsJsonObject();
            updates++;
        }
        assertThat(updates).isLessThanOrEqualTo((int) (elapsedMillis / 200) + 2);
        assertThat(value.getAsJsonObject("heaters").getAsJsonObject("extruder").get("actual").getAsDouble())
                .isEqualTo(125.0);
    }

    @Test
    void resubscribingReplacesTheOptionsAndUnsubscribingStopsUpdates() {
        server.topics().job().publish(JobStatus.IDLE);
        client.send("{\"type\":\"subscribe\",\"topic\":\"job\",\"fields\":[\"state\"]}");
        client.next("subscribed");
        client.next("snapshot");
        client.send("{\"type\":\"subscribe\",\"id\":2,\"topic\":\"job\"}");
        assertThat(client.next("subscribed").get("id").getAsInt()).isEqualTo(2);
        assertThat(client.next("snapshot").getAsJsonObject("data").has("progress")).isTrue();
        client.send("{\"type\":\"unsubscribe\",\"id\":3,\"topic\":\"job\"}");
        JsonObject unsubscribed = client.next("unsubscribed");
        assertThat(unsubscribed.get("id").getAsInt()).isEqualTo(3);
        assertThat(unsubscribed.get("topic").getAsString()).isEqualTo("job");
        server.topics().job().publish(new JobStatus(JobStatus.State.PRINTING, "a.gcode", 0, 0, null, null, null));
        client.send("{\"type\":\"unsubscribe\",\"id\":4,\"topic\":\"temperature\"}"); // never subscribed: fine
        assertThat(client.next("unsubscribed").get("id").getAsInt()).isEqualTo(4);
        assertThat(client.messages).isEmpty();
    }

    @Test
    void eventsArriveInOrderWithContiguousSeqs() {
        client.send("{\"type\":\"subscribe\",\"topic\":\"notification\"}");
        JsonObject subscribed = client.next("subscribed");
        assertThat(subscribed.get("kind").getAsString()).isEqualTo("event");
        for (int i = 1; i <= 50; i++) {
            server.topics().notifications().emit(Notification.of(Notification.Level.INFO, "n" + i, "number " + i));
        }
        for (int i = 1; i <= 50; i++) {
            JsonObject event = client.next("event");
            assertThat(event.get("seq").getAsLong()).isEqualTo(i);
            assertThat(event.get("topic").getAsString()).isEqualTo("notification");
            JsonObject data = event.getAsJsonObject("data");
            assertThat(data.get("level").getAsString()).isEqualTo("info");
            assertThat(data.get("code").getAsString()).isEqualTo("n" + i);
            assertThat(data.get("source").isJsonNull()).isTrue();
            assertThat(data.getAsJsonObject("details").size()).isZero();
        }
    }

    @Test
    void hostTopicsTakePlainJavaAndRefuseWhatIsNotAnObject() {
        client.send("{\"type\":\"subscribe\",\"topic\":\"bed_mesh\"}");
        client.next("subscribed");
        assertThat(client.next("snapshot").getAsJsonObject("data").size()).isZero(); // nothing published yet
        Map<String, Object> mesh = new LinkedHashMap<>();
        mesh.put("points", List.of(0.1, -0.05));
        server.topics().state("bed_mesh").publish(mesh);
        assertThat(client.next("update").getAsJsonObject("data").toString()).isEqualTo("{\"points\":[0.1,-0.05]}");
        assertThatThrownBy(() -> server.topics().state("bed_mesh").publish(List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> server.topics().state("nozzle")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nozzle'");
        assertThatThrownBy(() -> server.topics().events("bed_mesh")).isInstanceOf(IllegalArgumentException.class);
        server.topics().events("print_log").emit(Map.of("line", "G28"));
    }

    @Test
    void statusCanBePacedAndUnsubscribed() {
        try (HydrogenWebSocketServer fast = ServerFixture.started(ServerFixture.loopback()
                .statusInterval(Duration.ofMillis(20)));
             TestClient paced = TestClient.connect(fast.uri(), KEY)) {
            paced.next("status");
            paced.send("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"status\",\"min_interval_ms\":100}");
            JsonObject subscribed = paced.nextNonStatus();
            assertThat(subscribed.get("type").getAsString()).isEqualTo("subscribed");
            assertThat(subscribed.get("kind").getAsString()).isEqualTo("status");
            paced.messages.clear();
            long first = paced.next("status").get("seq").getAsLong();
            long second = paced.next("status").get("seq").getAsLong();
            assertThat(second - first).isEqualTo(5); // every fifth 20 ms tick
            paced.send("{\"type\":\"unsubscribe\",\"id\":2,\"topic\":\"status\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                JsonElement last = null;
                for (String text = paced.messages.poll(); text != null; text = paced.messages.poll()) {
                    last = JsonParser.parseString(text);
                }
                return last != null && last.getAsJsonObject().get("type").getAsString().equals("unsubscribed");
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(paced.messages::isEmpty);
        }
    }

    @Test
    void aValuePublishedBeforeTheStartIsTheFirstSnapshotAndUpdatesFlowAfterIt() {
        try (HydrogenWebSocketServer early = ServerFixture.loopback().build()) {
            early.topics().job().publish(new JobStatus(JobStatus.State.IDLE, null, 0, 0, null, null, null));
            early.start();
            try (TestClient watcher = TestClient.connect(early.uri(), KEY)) {
                watcher.next("status");
                watcher.send("{\"type\":\"subscribe\",\"topic\":\"job\"}");
                assertThat(watcher.next("subscribed").get("seq").getAsLong()).isEqualTo(1);
                assertThat(watcher.next("snapshot").getAsJsonObject("data").get("state").getAsString())
                        .isEqualTo("idle");
                early.topics().job().update(Map.of("state", "printing"));
                assertThat(watcher.next("update").getAsJsonObject("data").toString())
                        .isEqualTo("{\"state\":\"printing\"}");
            }
        }
        assertThatThrownBy(() -> server.topics().job().publish(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void afterTheStopPublishingIsRefused() {
        server.close();
        assertThatThrownBy(() -> server.topics().job().publish(JobStatus.IDLE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
    }
}
