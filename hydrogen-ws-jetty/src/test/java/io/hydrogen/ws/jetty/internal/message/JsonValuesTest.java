package io.hydrogen.ws.jetty.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.hydrogen.ws.JsonNaming;
import io.hydrogen.ws.spi.MessageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one converter of host values to JSON, rule by rule. */
class JsonValuesTest {

    private static final JsonValues SNAKE = new JsonValues(JsonNaming.SNAKE_CASE);
    private static final JsonValues DECLARED = new JsonValues(JsonNaming.AS_DECLARED);

    enum Mode { PRINTING, IDLE }

    record Reading(String sensorName, double tempC, Optional<Double> targetC, Instant readAt) {
    }

    record Nested(Reading hotend, Mode mode, int[] fanRpm) {
    }

    /** A plain class of the host's own: its fields are written, not its getters. */
    static class Job {
        static final String IGNORED_STATIC = "x";
        private final String fileName = "benchy.gcode";
        private transient Object cache = new Object();
        protected long layerCount = 120;
    }

    static class PausedJob extends Job {
        private final boolean pausedByUser = true;
    }

    record Throwing(int value) {
        @Override
        public int value() {
            throw new IllegalStateException("sensor offline");
        }
    }

    private static String json(Object value) {
        return SNAKE.toJson(value, "value").toString();
    }

    @Test
    void nanAndInfinitiesAreNull() {
        assertThat(json(Double.NaN)).isEqualTo("null");
        assertThat(json(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(json(Float.NEGATIVE_INFINITY)).isEqualTo("null");
        assertThat(json(OptionalDouble.of(Double.NaN))).isEqualTo("null");
        assertThat(json(new double[] {1.5, Double.NaN})).isEqualTo("[1.5,null]");
        assertThat(json(Map.of("t", Float.NaN))).isEqualTo("{\"t\":null}");
        // And the result can be written as strict JSON (Gson's writer refuses NaN).
        assertThat(OutboundJson.broadcast("reading", SNAKE.toJson(List.of(Double.NaN), "data")))
                .isEqualTo("{\"type\":\"reading\",\"data\":[null]}");
    }

    @Test
    void numbersKeepTheirSpelling() {
        assertThat(json(0.1f)).isEqualTo("0.1");
        assertThat(json(0.42)).isEqualTo("0.42");
        assertThat(json(7)).isEqualTo("7");
        assertThat(json(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(json(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(json(new BigDecimal("0.10"))).isEqualTo("0.10");
        assertThat(json(new AtomicLong(5))).isEqualTo("5");
        assertThat(json((short) 3)).isEqualTo("3");
        assertThat(json('c')).isEqualTo("\"c\"");
        assertThat(json(true)).isEqualTo("true");
        assertThat(json("</script> ü")).isEqualTo("\"</script> ü\"");
    }

    @Test
    void optionalsAreUnwrapped() {
        assertThat(json(Optional.of("x"))).isEqualTo("\"x\"");
        assertThat(json(Optional.empty())).isEqualTo("null");
        assertThat(json(Optional.of(Optional.of(3)))).isEqualTo("3");
        assertThat(json(OptionalInt.of(4))).isEqualTo("4");
        assertThat(json(OptionalInt.empty())).isEqualTo("null");
        assertThat(json(List.of(Optional.empty(), Optional.of(1)))).isEqualTo("[null,1]");
    }

    @Test
    void javaTimeValuesAreIso8601Strings() {
        Instant instant = Instant.parse("2024-05-01T12:30:00Z");
        assertThat(json(instant)).isEqualTo("\"2024-05-01T12:30:00Z\"");
        assertThat(json(Instant.parse("2024-05-01T12:30:00.250Z"))).isEqualTo("\"2024-05-01T12:30:00.250Z\"");
        assertThat(json(LocalDate.of(2024, 5, 1))).isEqualTo("\"2024-05-01\"");
        assertThat(json(LocalDateTime.of(2024, 5, 1, 12, 30))).isEqualTo("\"2024-05-01T12:30:00\"");
        assertThat(json(LocalTime.of(8, 5))).isEqualTo("\"08:05:00\"");
        assertThat(json(OffsetDateTime.of(2024, 5, 1, 14, 30, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("\"2024-05-01T14:30:00+02:00\"");
        // The region name has no place in ISO 8601: the offset at that moment says it all.
        assertThat(json(ZonedDateTime.of(2024, 5, 1, 14, 30, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("\"2024-05-01T14:30:00+02:00\"");
        assertThat(json(Duration.ofMillis(1500))).isEqualTo("\"PT1.5S\"");
        assertThat(json(ZoneId.of("Europe/Paris"))).isEqualTo("\"Europe/Paris\"");
        assertThat(json(Date.from(instant))).isEqualTo("\"2024-05-01T12:30:00Z\"");
        assertThat(json(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .isEqualTo("\"123e4567-e89b-12d3-a456-426614174000\"");
        assertThat(json(URI.create("http://printer.local/cam"))).isEqualTo("\"http://printer.local/cam\"");
    }

    @Test
    void recordsAreObjectsWithSnakeCaseNamesByDefault() {
        Reading reading = new Reading("hotend", Double.NaN, Optional.of(210.0), Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(json(new Nested(reading, Mode.PRINTING, new int[] {1200, 0}))).isEqualTo(
                "{\"hotend\":{\"sensor_name\":\"hotend\",\"temp_c\":null,\"target_c\":210.0,"
                        + "\"read_at\":\"2024-05-01T12:30:00Z\"},\"mode\":\"PRINTING\",\"fan_rpm\":[1200,0]}");
        assertThat(DECLARED.toJson(reading, "value").toString()).isEqualTo(
                "{\"sensorName\":\"hotend\",\"tempC\":null,\"targetC\":210.0,\"readAt\":\"2024-05-01T12:30:00Z\"}");
    }

    @Test
    void ownClassesAreWrittenByTheirFieldsOwnClassFirst() {
        assertThat(json(new PausedJob()))
                .isEqualTo("{\"paused_by_user\":true,\"file_name\":\"benchy.gcode\",\"layer_count\":120}");
        assertThat(DECLARED.toJson(new Job(), "value").toString())
                .isEqualTo("{\"fileName\":\"benchy.gcode\",\"layerCount\":120}");
    }

    @Test
    void containersKeepTheirOrderAndMapKeysAreNeverRenamed() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("zKey", 1);
        map.put("aKey", null);
        map.put(3, List.of("x"));
        map.put(Mode.IDLE, new LinkedHashSet<>(List.of("b", "a")));
        assertThat(json(map)).isEqualTo("{\"zKey\":1,\"aKey\":null,\"3\":[\"x\"],\"IDLE\":[\"b\",\"a\"]}");
        Map<Mode, Integer> byEnum = new EnumMap<>(Mode.class);
        byEnum.put(Mode.PRINTING, 1);
        assertThat(json(byEnum)).isEqualTo("{\"PRINTING\":1}");
        assertThat(json(new Object[] {null, "a", new String[] {"b"}})).isEqualTo("[null,\"a\",[\"b\"]]");
        assertThat(json(new ArrayList<>(Arrays.asList(1, null)))).isEqualTo("[1,null]");
        assertThat(json(JsonParser.parseString("{\"already\":[\"json\"]}"))).isEqualTo("{\"already\":[\"json\"]}");
    }

    @Test
    void sharedValuesAreFineCyclesAreNot() {
        List<Integer> shared = List.of(1);
        assertThat(json(List.of(shared, shared))).isEqualTo("[[1],[1]]");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> SNAKE.toJson(cycle, "status()")).isInstanceOf(UnserialisableValueException.class)
                .hasMessageContaining("status()[0] contains itself");
        Object deep = "leaf";
        for (int i = 0; i < JsonValues.MAX_DEPTH + 1; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> SNAKE.toJson(tooDeep, "data")).hasMessageContaining("nested deeper than 100 levels");
    }

    @Test
    void whatHasNoJsonFormIsRefusedWithThePathAndWhatToDoInstead() {
        Map<String, Object> section = Map.of("sensors", List.of("ok", Thread.currentThread()));
        assertThatThrownBy(() -> SNAKE.toJson(section, "status()"))
                .isInstanceOf(UnserialisableValueException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("status().sensors[1] is a java.lang.Thread, a JDK type with no JSON form")
                .hasMessageContaining("return only null, strings, numbers")
                .hasMessageContaining("docs/spi.md")
                .message().doesNotContainIgnoringCase("gson");
        Supplier<String> lambda = () -> "x";
        assertThatThrownBy(() -> SNAKE.toJson(Map.of("f", lambda), "result"))
                .hasMessageStartingWith("result.f is a lambda");
        Object anonymous = new Object() {
            final int x = 1;
        };
        assertThatThrownBy(() -> SNAKE.toJson(anonymous, "data")).hasMessageContaining("anonymous or local class");
        assertThatThrownBy(() -> SNAKE.toJson(List.of(new Object()), "data"))
                .hasMessageStartingWith("data[0] is a bare java.lang.Object");
        Map<Object, Object> objectKey = new HashMap<>();
        objectKey.put(new Object(), 1);
        assertThatThrownBy(() -> SNAKE.toJson(objectKey, "data")).hasMessageContaining("map key that is a java.lang.Object");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> SNAKE.toJson(nullKey, "data")).hasMessageContaining("map key that is null");
        assertThatThrownBy(() -> SNAKE.toJson(new Throwing(1), "status()"))
                .hasMessageStartingWith("status().value could not be read: its accessor threw")
                .hasMessageContaining("sensor offline")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void snakeCaseSplitsWordsAndKeepsAcronymsTogether() {
        assertThat(JsonValues.snakeCase("nozzleTempC")).isEqualTo("nozzle_temp_c");
        assertThat(JsonValues.snakeCase("rpmURLValue")).isEqualTo("rpm_url_value");
        assertThat(JsonValues.snakeCase("URL")).isEqualTo("url");
        assertThat(JsonValues.snakeCase("sensor2Temp")).isEqualTo("sensor2_temp");
        assertThat(JsonValues.snakeCase("already_snake")).isEqualTo("already_snake");
        assertThat(JsonValues.snakeCase("mixed_Case")).isEqualTo("mixed_case");
        assertThat(JsonValues.snakeCase("x")).isEqualTo("x");
        assertThat(JsonValues.snakeCase("X")).isEqualTo("x");
    }

    record Clash(int fooBar, int foo_bar) {
    }

    @Test
    void twoMembersWithOneJsonNameAreRefused() {
        assertThatThrownBy(() -> SNAKE.toJson(new Clash(1, 2), "data")).hasMessageContaining("two members named 'foo_bar'");
        assertThat(DECLARED.toJson(new Clash(1, 2), "data").toString()).isEqualTo("{\"fooBar\":1,\"foo_bar\":2}");
    }

    record Limits(double maxTempC, List<Integer> ranges) {
    }

    @Test
    void hostErrorDetailsAcceptRecordsArraysAndNullsInOrder() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limits", new Limits(Double.NaN, List.of(1, 2)));
        details.put("axes", new String[] {"x", "y"});
        details.put("missing", null);
        details.put("since", Instant.EPOCH);
        ErrorMessage error = ErrorMessage.fromHost(new MessageException("printer_busy", "Busy", details), SNAKE);
        assertThat(OutboundJson.error(error, null)).isEqualTo("{\"type\":\"error\",\"error\":{\"code\":\"printer_busy\","
                + "\"message\":\"Busy\",\"details\":{\"limits\":{\"max_temp_c\":null,\"ranges\":[1,2]},"
                + "\"axes\":[\"x\",\"y\"],\"missing\":null,\"since\":\"1970-01-01T00:00:00Z\"}}}");
    }

    @Test
    void builtInErrorsAndExtraFieldsUseTheSameConverter() {
        assertThat(OutboundJson.httpError(ErrorMessage.of(ErrorCode.INVALID_MESSAGE, "Invalid message",
                Map.of("max_bytes", 65536)))).isEqualTo(
                "{\"error\":{\"code\":\"invalid_message\",\"message\":\"Invalid message\",\"details\":{\"max_bytes\":65536}}}");
    }
}
