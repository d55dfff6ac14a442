package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Protocol item 5: the status message, its fields, and the periodic push. */
class StatusMessageTest {

    @Test
    void statusHasEveryDocumentedFieldWithItsType() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            long before = System.currentTimeMillis();
            JsonObject status = client.next("status");
            // v0.2 added "epoch" (docs/protocol.md, topics).
            assertThat(status.keySet()).containsExactly("type", "seq", "timestamp", "epoch", "server_start_time",
                    "active_connections", "total_connections", "total_requests", "system", "status");
            assertThat(Instant.parse(status.get("server_start_time").getAsString()))
                    .isEqualTo(server.context().serverStartTime());
            assertThat(status.get("timestamp").getAsLong()).isBetween(before - 5_000, System.currentTimeMillis());
            assertThat(status.get("active_connections").getAsInt()).isEqualTo(1);
            assertThat(status.get("total_connections").getAsLong()).isEqualTo(1);
            assertThat(status.get("total_requests").getAsLong()).isZero();
            assertThat(isInteger(status.get("seq"))).isTrue();

            JsonObject system = status.getAsJsonObject("system");
            assertThat(system.keySet()).containsExactly("sysname", "nodename", "release", "version", "machine");
            system.entrySet().forEach(e -> assertThat(e.getValue().getAsJsonPrimitive().isString()).isTrue());

            JsonObject state = status.getAsJsonObject("status");
            assertThat(state.keySet()).containsExactly("running", "shutting_down", "totalThreads",
                    "totalVirtualMemoryBytes", "totalResidentMemoryBytes");
            assertThat(state.get("running").getAsBoolean()).isTrue();
            assertThat(state.get("shutting_down").getAsBoolean()).isFalse();
            assertThat(state.get("totalThreads").getAsInt()).isGreaterThan(1);
            long virtual = state.get("totalVirtualMemoryBytes").getAsLong();
            long resident = state.get("totalResidentMemoryBytes").getAsLong();
            assertThat(resident).isGreaterThan(1024 * 1024).isLessThanOrEqualTo(virtual);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void systemMatchesUnameAndProcOnLinux() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            JsonObject system = client.next("status").getAsJsonObject("system");
            assertThat(system.get("sysname").getAsString()).isEqualTo(uname("-s"));
            assertThat(system.get("nodename").getAsString()).isEqualTo(uname("-n"));
            assertThat(system.get("release").getAsString()).isEqualTo(uname("-r"));
            assertThat(system.get("version").getAsString()).isEqualTo(uname("-v"));
            assertThat(system.get("machine").getAsString()).isEqualTo(uname("-m"));
        }
    }

    @Test
    void pushTicksAtTheIntervalWithSeqPlusOne() {
        try (HydrogenWebSocketServer server = ServerFixture.started(
                ServerFixture.loopback().statusInterval(Duration.ofMillis(100)));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status"); // the greeting
            long started = System.nanoTime();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                seqs.add(client.next("status").get("seq").getAsLong());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
            // Five ticks at 100 ms: not a burst, not a stall (generous bounds for a shared machine).
            assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        }
    }

    @Test
    void everyClientGetsTheSameTick() {
        try (HydrogenWebSocketServer server = ServerFixture.started(
                ServerFixture.loopback().statusInterval(Duration.ofMillis(100)));
             TestClient a = TestClient.connect(server.uri(), KEY);
             TestClient b = TestClient.connect(server.uri(), KEY)) {
            a.next("status");
            b.next("status");
            Set<String> fromA = new java.util.HashSet<>();
            for (int i = 0; i < 4; i++) {
                fromA.add(a.next("status").toString());
            }
            // b must have received one of a's exact texts (same seq, same bytes) among its next messages.
            boolean shared = false;
            for (int i = 0; i < 6 && !shared; i++) {
                shared = fromA.contains(b.next("status").toString());
            }
            assertThat(shared).isTrue();
        }
    }

    @Test
    void zeroIntervalSendsOnlyTheGreeting() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            assertThat(client.messages.poll(400, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void statusRequestIsAnsweredWithItsId() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            client.send("{\"type\":\"status\",\"id\":\"req-9\"}");
            JsonObject reply = client.next("status");
            assertThat(reply.get("id").getAsString()).isEqualTo("req-9");
            assertThat(reply.get("total_requests").getAsLong()).isEqualTo(1);
            assertThat(reply.has("system")).isTrue();
        }
    }

    private static boolean isInteger(com.google.gson.JsonElement element) {
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isNumber() && primitive.getAsString().matches("\\d+");
    }

    private static String uname(String flag) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("uname", flag).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
