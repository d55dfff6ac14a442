package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.JsonNaming;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.StatusProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Host values on the wire, end to end with a real server and client: one set of documented rules
 * for status sections, handler results, broadcasts and error details.
 */
class HostValuesTest {

    private static final Instant READ_AT = Instant.parse("2024-05-01T12:30:00Z");

    /** A thermistor as a host would model it; a disconnected one reads NaN and has no target. */
    record Thermistor(String sensorName, double tempC, Optional<Double> targetC, Instant readAt) {
    }

    record Limits(double maxTempC, int[] axes) {
    }

    private static StatusProvider provider(String section, Callable<Object> value) {
        return new StatusProvider() {
            @Override
            public String section() {
                return section;
            }

            @Override
            public Object status() throws Exception {
                return value.call();
            }
        };
    }

    private static JsonObject firstStatus(HydrogenWebSocketServer server) {
        try (TestClient client = TestClient.connect(server.uri(), KEY)) {
            return client.next("status");
        }
    }

    @Test
    void statusSectionsFollowTheDocumentedRules() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e
                        .statusProvider(provider("hotend", () -> new Thermistor("hotend", Double.NaN, Optional.empty(),
                                READ_AT)))
                        .statusProvider(provider("bed", () -> new Thermistor("bed", 60.5, Optional.of(60.0), READ_AT)))
                        .statusProvider(provider("chamber", () -> Double.NaN))
                        .statusProvider(provider("job", () -> Optional.of(Map.of("eta", Duration.ofMinutes(90)))))))) {
            JsonObject status = firstStatus(server);
            // A NaN reading no longer drops the whole section: it is null, next to the other values.
            assertThat(status.get("hotend").toString()).isEqualTo(
                    "{\"sensor_name\":\"hotend\",\"temp_c\":null,\"target_c\":null,\"read_at\":\"2024-05-01T12:30:00Z\"}");
            assertThat(status.get("bed").toString()).isEqualTo(
                    "{\"sensor_name\":\"bed\",\"temp_c\":60.5,\"target_c\":60.0,\"read_at\":\"2024-05-01T12:30:00Z\"}");
            assertThat(status.has("chamber")).isTrue();
            assertThat(status.get("chamber").isJsonNull()).isTrue();
            assertThat(status.get("job").toString()).isEqualTo("{\"eta\":\"PT1H30M\"}");
            // The protocol's own fields are untouched by the naming policy.
            assertThat(status.getAsJsonObject("status").has("totalThreads")).isTrue();
        }
    }

    @Test
    void theHostMayKeepTheJavaNames() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e
                        .jsonNaming(JsonNaming.AS_DECLARED)
                        .statusProvider(provider("hotend", () -> new Thermistor("hotend", 210.0, Optional.empty(),
                                READ_AT)))))) {
            assertThat(firstStatus(server).get("hotend").toString()).isEqualTo(
                    "{\"sensorName\":\"hotend\",\"tempC\":210.0,\"targetC\":null,\"readAt\":\"2024-05-01T12:30:00Z\"}");
        }
    }

    @Test
    void handlerResultsAndErrorDetailsFollowTheSameRules() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limits", new Limits(Double.POSITIVE_INFINITY, new int[] {1, 2}));
        details.put("axes", new String[] {"x", "y"});
        details.put("reason", null);
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e
                        .messageHandler("temperature", request -> Double.NaN)
                        .messageHandler("target", request -> Optional.empty())
                        .messageHandler("probe", request -> new Thermistor("probe", 21.5, Optional.of(0.0), READ_AT))
                        .messageHandler("home", request -> {
                            throw new MessageException("endstop_missing", "Endstop X not found", details);
                        })));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            client.send("{\"type\":\"temperature\",\"id\":1}");
            assertThat(client.nextNonStatus().toString())
                    .isEqualTo("{\"type\":\"result\",\"id\":1,\"request\":\"temperature\",\"result\":null}");
            client.send("{\"type\":\"target\",\"id\":2}");
            assertThat(client.nextNonStatus().get("result").isJsonNull()).isTrue();
            client.send("{\"type\":\"probe\",\"id\":3}");
            assertThat(client.nextNonStatus().get("result").toString()).isEqualTo(
                    "{\"sensor_name\":\"probe\",\"temp_c\":21.5,\"target_c\":0.0,\"read_at\":\"2024-05-01T12:30:00Z\"}");
            client.send("{\"type\":\"home\",\"id\":4}");
            assertThat(client.nextNonStatus().toString()).isEqualTo("{\"type\":\"error\",\"id\":4,\"error\":{"
                    + "\"code\":\"endstop_missing\",\"message\":\"Endstop X not found\",\"details\":{"
                    + "\"limits\":{\"max_temp_c\":null,\"axes\":[1,2]},\"axes\":[\"x\",\"y\"],\"reason\":null}}}");
        }
    }

    @Test
    void anUnsendableResultOrDetailIsServerErrorAndTheConnectionStays() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e
                        .messageHandler("thread", request -> Thread.currentThread())
                        .messageHandler("bad_details", request -> {
                            throw new MessageException("busy", "Busy", Map.of("lock", new Object()));
                        })));
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            client.send("{\"type\":\"thread\",\"id\":1}");
            JsonObject error = client.nextNonStatus();
            assertThat(error.getAsJsonObject("error").get("code").getAsString()).isEqualTo("server_error");
            assertThat(error.toString()).doesNotContain("Thread");
            client.send("{\"type\":\"bad_details\",\"id\":2}");
            assertThat(client.nextNonStatus().getAsJsonObject("error").get("code").getAsString()).isEqualTo("server_error");
            client.send("{\"type\":\"ping\",\"id\":3}");
            assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("pong");
        }
    }

    @Test
    void broadcastsFollowTheRulesAndRefuseUnsendableDataOnTheCallersThread() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback());
             TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            assertThatThrownBy(() -> server.broadcast("print_started", Map.of("by", Thread.currentThread())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("data.by is a java.lang.Thread")
                    .hasMessageContaining("return only null, strings, numbers")
                    .message().doesNotContainIgnoringCase("gson");
            server.broadcast("print_started", new Thermistor("hotend", Double.NaN, Optional.of(215.0), READ_AT));
            // Nothing of the refused broadcast was sent: the next message is the good one.
            assertThat(client.nextNonStatus().toString()).isEqualTo("{\"type\":\"print_started\",\"data\":{"
                    + "\"sensor_name\":\"hotend\",\"temp_c\":null,\"target_c\":215.0,\"read_at\":\"2024-05-01T12:30:00Z\"}}");
        }
    }

    @Test
    void anUnsendableSectionIsLeftOutWithAWarningThatSaysWhatToDo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes to whatever System.err is at the time of each log call.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        JsonObject status;
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e
                        .statusProvider(provider("sensors", () -> Map.of("list", List.of(Thread.currentThread()))))
                        .statusProvider(provider("fine", () -> "ok"))))) {
            status = firstStatus(server);
        } finally {
            System.setErr(original);
        }
        assertThat(status.has("sensors")).isFalse();
        assertThat(status.get("fine").getAsString()).isEqualTo("ok");
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Status provider 'sensors'")
                .contains("status().list[0] is a java.lang.Thread, a JDK type with no JSON form")
                .contains("return only null, strings, numbers");
        assertThat(log).doesNotContainIgnoringCase("gson");
    }
}
