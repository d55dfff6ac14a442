package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hydrogen.ws.ControlLease;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HydrogenEventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command interface: scoped keys, the control lease, commands that need it, and their audit. */
class ControlTest {

    private static final String MONITOR = "monitor-key-0123456789";
    private static final String OPERATOR = "control-key-0123456789";
    private static final String OTHER_OPERATOR = "control-key-abcdefghij";

    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final List<String> leaseChanges = new CopyOnWriteArrayList<>();
    private HydrogenWebSocketServer server;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback()
                .apiKey(MONITOR, Scope.MONITOR)
                .apiKey(OPERATOR, Scope.CONTROL)
                .apiKey(OTHER_OPERATOR, Scope.CONTROL)
                .endpoint(e -> e
                        .command("printer.home", request -> Map.of("homed", true))
                        .messageHandler("printer.info", request -> Map.of("model", "sim"))
                        .controlGrace(Duration.ofMillis(500)))
                .eventListener(new HydrogenEventListener() {
                    @Override
                    public void commandHandled(ConnectionInfo connection, String command, String outcome) {
                        audit.add(connection.scope().wireName() + " " + command + " " + outcome);
                    }

                    @Override
                    public void controlChanged(ControlLease.Holder holder) {
                        leaseChanges.add(holder == null ? "nobody" : holder.principal() + ":" + holder.connected());
                    }
                }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestClient connect(String key) {
        TestClient client = TestClient.connect(server.uri(), key);
        client.next("status");
        return client;
    }

    private static JsonObject request(TestClient client, String json) {
        client.send(json);
        return client.nextNonStatus();
    }

    private static String errorCode(JsonObject reply) {
        assertThat(reply.get("type").getAsString()).as(reply.toString()).isEqualTo("error");
        return reply.getAsJsonObject("error").get("code").getAsString();
    }

    @Test
    void aMonitorKeyWatchesButCannotCommandOrAcquire() {
        try (TestClient display = connect(MONITOR)) {
            JsonObject forbidden = request(display, "{\"type\":\"control.acquire\",\"id\":1,\"client\":\"Hall\"}");
            assertThat(errorCode(forbidden)).isEqualTo("forbidden");
            assertThat(forbidden.get("id").getAsInt()).isEqualTo(1);
            JsonObject details = forbidden.getAsJsonObject("error").getAsJsonObject("details");
            assertThat(details.get("required").getAsString()).isEqualTo("control");
            assertThat(details.get("command").getAsString()).isEqualTo("control.acquire");
            JsonObject command = request(display, "{\"type\":\"printer.home\",\"id\":2}");
            assertThat(errorCode(command)).isEqualTo("forbidden");
            assertThat(command.getAsJsonObject("error").getAsJsonObject("details").get("command").getAsString())
                    .isEqualTo("printer.home");
            // Still a full monitor: plain handlers, ping, topics.
            assertThat(request(display, "{\"type\":\"printer.info\"}").getAsJsonObject("result").get("model")
                    .getAsString()).isEqualTo("sim");
            assertThat(request(display, "{\"type\":\"ping\"}").get("type").getAsString()).isEqualTo("pong");
            display.send("{\"type\":\"subscribe\",\"topic\":\"control\"}");
            assertThat(display.next("subscribed").get("kind").getAsString()).isEqualTo("state");
            assertThat(display.next("snapshot").getAsJsonObject("data").get("holder").isJsonNull()).isTrue();
        }
        assertThat(audit).contains("monitor printer.home forbidden", "monitor printer.info ok");
    }

    @Test
    void theLeaseIsAcquiredReleasedAndRequiredForCommands() {
        try (TestClient tablet = connect(OPERATOR); TestClient phone = connect(OTHER_OPERATOR)) {
            JsonObject required = request(tablet, "{\"type\":\"printer.home\",\"id\":1}");
            assertThat(errorCode(required)).isEqualTo("control_required");
            assertThat(required.getAsJsonObject("error").getAsJsonObject("details").get("holder").isJsonNull()).isTrue();

            JsonObject acquired = request(tablet, "{\"type\":\"control.acquire\",\"id\":2,\"client\":\"Kitchen tablet\"}");
            assertThat(acquired.get("type").getAsString()).isEqualTo("result");
            assertThat(acquired.get("request").getAsString()).isEqualTo("control.acquire");
            JsonObject holder = acquired.getAsJsonObject("result").getAsJsonObject("holder");
            assertThat(holder.get("client").getAsString()).isEqualTo("Kitchen tablet");
            assertThat(holder.get("principal").getAsString()).startsWith("api-key:").doesNotContain(OPERATOR);
            assertThat(holder.get("since").getAsString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(server.control().holder()).hasValueSatisfying(h -> assertThat(h.client())
                    .isEqualTo("Kitchen tablet"));

            JsonObject held = request(phone, "{\"type\":\"control.acquire\",\"client\":\"Phone\"}");
            assertThat(errorCode(held)).isEqualTo("control_held");
            assertThat(held.getAsJsonObject("error").getAsJsonObject("details").getAsJsonObject("holder")
                    .get("client").getAsString()).isEqualTo("Kitchen tablet");
            assertThat(errorCode(request(phone, "{\"type\":\"printer.home\"}"))).isEqualTo("control_required");
            assertThat(errorCode(request(phone, "{\"type\":\"control.release\"}"))).isEqualTo("control_not_held");

            assertThat(request(tablet, "{\"type\":\"printer.home\",\"id\":3}").getAsJsonObject("result").get("homed")
                    .getAsBoolean()).isTrue();
            JsonObject released = request(tablet, "{\"type\":\"control.release\",\"id\":4}");
            assertThat(released.getAsJsonObject("result").get("holder").isJsonNull()).isTrue();
            assertThat(server.control().holder()).isEmpty();
            assertThat(request(phone, "{\"type\":\"control.acquire\"}").get("type").getAsString()).isEqualTo("result");
        }
        assertThat(audit).containsSubsequence("control printer.home control_required", "control printer.home ok");
    }

    @Test
    void anAdminTakesTheLeaseByForceAndTheHolderLearnsItFromTheTopic() {
        try (TestClient tablet = connect(OPERATOR); TestClient admin = connect(KEY)) {
            tablet.send("{\"type\":\"subscribe\",\"topic\":\"control\"}");
            tablet.next("subscribed");
            tablet.next("snapshot");
            JsonObject update = replyAndUpdate(tablet, "{\"type\":\"control.acquire\",\"client\":\"Tablet\"}")[1];
            assertThat(update.getAsJsonObject("data").getAsJsonObject("holder").get("client").getAsString())
                    .isEqualTo("Tablet");
            assertThat(errorCode(request(admin, "{\"type\":\"control.acquire\",\"client\":\"Desk\"}")))
                    .isEqualTo("control_held");
            // force without the admin scope does nothing
            assertThat(errorCode(request(connect(OTHER_OPERATOR), "{\"type\":\"control.acquire\",\"force\":true}")))
                    .isEqualTo("control_held");
            JsonObject forced = request(admin, "{\"type\":\"control.acquire\",\"client\":\"Desk\",\"force\":true}");
            assertThat(forced.getAsJsonObject("result").getAsJsonObject("holder").get("client").getAsString())
                    .isEqualTo("Desk");
            JsonObject told = tablet.next("update");
            assertThat(told.getAsJsonObject("data").getAsJsonObject("holder").get("client").getAsString())
                    .isEqualTo("Desk");
            assertThat(errorCode(request(tablet, "{\"type\":\"printer.home\"}"))).isEqualTo("control_required");
        }
    }

    @Test
    void aHolderThatDropsKeepsTheLeaseForItsPrincipalDuringTheGracePeriod() {
        TestClient tablet = connect(OPERATOR);
        request(tablet, "{\"type\":\"control.acquire\",\"client\":\"Tablet\"}");
        tablet.socket.abort();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.control().holder().map(h -> !h.connected())
                .orElse(false));
        try (TestClient phone = connect(OTHER_OPERATOR); TestClient again = connect(OPERATOR)) {
            assertThat(errorCode(request(phone, "{\"type\":\"control.acquire\"}"))).isEqualTo("control_held");
            assertThat(request(again, "{\"type\":\"control.acquire\",\"client\":\"Tablet\"}").get("type").getAsString())
                    .isEqualTo("result"); // same principal, no force needed
            again.socket.abort();
            // Nobody takes it back: after the grace period anyone may acquire it.
            await().atMost(Duration.ofSeconds(5)).until(() -> server.control().holder().isEmpty());
            assertThat(request(phone, "{\"type\":\"control.acquire\"}").get("type").getAsString()).isEqualTo("result");
        }
        assertThat(leaseChanges).contains("nobody");
    }

    @Test
    void narrowingARevokingKeysTakesEffectAtOnce() {
        try (TestClient tablet = connect(OPERATOR)) {
            request(tablet, "{\"type\":\"control.acquire\"}");
            server.apiKeys().add(OPERATOR, Scope.MONITOR);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.control().holder().isEmpty());
            assertThat(errorCode(request(tablet, "{\"type\":\"printer.home\"}"))).isEqualTo("forbidden");
            assertThat(errorCode(request(tablet, "{\"type\":\"control.acquire\"}"))).isEqualTo("forbidden");
            server.apiKeys().add(OPERATOR, Scope.CONTROL);
            assertThat(request(tablet, "{\"type\":\"control.acquire\"}").get("type").getAsString()).isEqualTo("result");
            server.apiKeys().revoke(OPERATOR);
            assertThat(tablet.awaitClose().code()).isEqualTo(1008);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.control().holder().map(h -> !h.connected())
                    .orElse(true));
        }
    }

    @Test
    void theHostReadsAndRevokesTheLease() {
        try (TestClient tablet = connect(OPERATOR)) {
            tablet.send("{\"type\":\"subscribe\",\"topic\":\"control\"}");
            tablet.next("subscribed");
            tablet.next("snapshot");
            replyAndUpdate(tablet, "{\"type\":\"control.acquire\",\"client\":\"Tablet\"}");
            assertThat(server.control().holder()).isPresent();
            assertThat(server.control().revoke()).isTrue(); // the printer's own stop button
            assertThat(tablet.next("update").getAsJsonObject("data").get("holder").isJsonNull()).isTrue();
            assertThat(server.control().revoke()).isFalse();
            assertThat(errorCode(request(tablet, "{\"type\":\"printer.home\"}"))).isEqualTo("control_required");
        }
    }

    @Test
    void fiftyClientsRaceForTheLeaseAndExactlyOneWinsEachRound() throws Exception {
        TestClient watcher = connect(MONITOR);
        watcher.send("{\"type\":\"subscribe\",\"topic\":\"control\"}");
        watcher.next("subscribed");
        watcher.next("snapshot");
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(connect(i % 2 == 0 ? OPERATOR : OTHER_OPERATOR));
            }
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> racers = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    TestClient client = clients.get(i);
                    String name = "racer-" + round + "-" + i;
                    Thread racer = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        client.send("{\"type\":\"control.acquire\",\"client\":\"" + name + "\"}");
                    });
                    racer.start();
                    racers.add(racer);
                }
                go.countDown();
                for (Thread racer : racers) {
                    racer.join();
                }
                List<TestClient> winners = new ArrayList<>();
                String winner = null;
                for (TestClient client : clients) {
                    JsonObject reply = client.nextNonStatus();
                    if (reply.get("type").getAsString().equals("result")) {
                        winners.add(client);
                        winner = reply.getAsJsonObject("result").getAsJsonObject("holder").get("client").getAsString();
                    } else {
                        assertThat(errorCode(reply)).isEqualTo("control_held");
                    }
                }
                assertThat(winners).hasSize(1);
                JsonElement topicHolder = lastControlUpdate(watcher);
                assertThat(topicHolder.getAsJsonObject().get("client").getAsString()).isEqualTo(winner);
                assertThat(server.control().holder().orElseThrow().client()).isEqualTo(winner);
                winners.get(0).send("{\"type\":\"control.release\"}");
                winners.get(0).nextNonStatus();
                assertThat(lastControlUpdate(watcher).isJsonNull()).isTrue();
            }
        } finally {
            clients.forEach(TestClient::close);
            watcher.close();
        }
    }

    /**
     * Sends a lease request from a connection subscribed to the control topic: its reply and the
     * topic's update come from two threads, in either order.
     *
     * @return the reply, then the update
     */
    private static JsonObject[] replyAndUpdate(TestClient client, String json) {
        client.send(json);
        JsonObject first = client.nextNonStatus();
        JsonObject second = client.nextNonStatus();
        return first.get("type").getAsString().equals("update") ? new JsonObject[] {second, first}
                : new JsonObject[] {first, second};
    }

    /** @return the holder in the next update of the control topic */
    private static JsonElement lastControlUpdate(TestClient watcher) {
        return watcher.next("update").getAsJsonObject("data").get("holder");
    }
}
