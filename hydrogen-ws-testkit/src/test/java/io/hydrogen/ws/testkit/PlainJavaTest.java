package io.hydrogen.ws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PlainJavaTest {

    enum State { IDLE, PRINTING }

    record Job(String name, double progress, State state, List<String> tags) {
    }

    static class Printer {
        String model = "H2";
        int[] temperatures = {210, 60};
        Job current = new Job("benchy", 0.5, State.PRINTING, List.of("pla"));
        transient Thread notSerialised = Thread.currentThread();
        static Object alsoIgnored = new Object();
    }

    static class Holder {
        Object value;

        Holder(Object value) {
            this.value = value;
        }
    }

    static class Shadowing extends Holder {
        @SuppressWarnings("unused")
        Object value = "again";

        Shadowing() {
            super("first");
        }
    }

    @Test
    void acceptsNestedPlainValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("null", null);
        value.put("text", "x");
        value.put("numbers", List.of(1, 2L, 3.5, 1.5f, BigDecimal.TEN, (short) 1, (byte) 2));
        value.put("flag", true);
        value.put("char", 'c');
        value.put("printer", new Printer());
        value.put("job", new Job("a", 1, State.IDLE, List.of()));
        value.put("array", new Object[] {"a", new long[] {1, 2}, Map.of("k", "v")});
        Job shared = new Job("shared", 0, State.IDLE, List.of());
        value.put("shared", List.of(shared, shared));
        assertThatCode(() -> PlainJava.assertPlainJava("value", value)).doesNotThrowAnyException();
        assertThat(PlainJava.findProblem("v", null)).isEmpty();
    }

    @Test
    void acceptsWhatTheServerConvertsNanOptionalsTimesSetsAndNonStringKeys() {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put("nan", List.of(Double.NaN, Float.POSITIVE_INFINITY));
        value.put("optional", Optional.of(new Job("a", 1, State.IDLE, List.of())));
        value.put("empty", Optional.empty());
        value.put("at", Instant.EPOCH);
        value.put("took", java.time.Duration.ofSeconds(3));
        value.put("zoned", java.time.ZonedDateTime.now());
        value.put("set", Set.of("a"));
        value.put("counter", new java.util.concurrent.atomic.AtomicLong());
        value.put(State.IDLE, 1);
        value.put(2, "two");
        assertThatCode(() -> PlainJava.assertPlainJava("value", value)).doesNotThrowAnyException();
        assertProblem(Optional.of(Thread.currentThread()), "value is a java.lang.Thread");
    }

    @Test
    void rejectsJdkTypesWithThePath() {
        assertProblem(Map.of("a", List.of(Thread.currentThread())), "value.a[0] is a java.lang.Thread");
        assertProblem(new Holder(new ByteArrayInputStream(new byte[0])), "value.value is a java.io.ByteArrayInputStream");
        assertProblem(new Object(), "bare java.lang.Object");
        assertProblem(java.time.Clock.systemUTC(), "java.time.Clock");
        assertProblem(new StringBuilder("x"), "java.lang.StringBuilder");
    }

    @Test
    void rejectsLambdasAnonymousClassesAndSubclassesOfJdkTypes() {
        Supplier<String> lambda = () -> "x";
        assertProblem(lambda, "lambda");
        assertProblem(new Object() { }, "anonymous or local class");
        assertProblem(new Thread() { }, "anonymous or local class");
        class Local {
        }
        assertProblem(new Local(), "anonymous or local class");
    }

    @Test
    void rejectsCyclesButNotSharedValues() {
        Map<String, Object> map = new HashMap<>();
        map.put("self", map);
        assertProblem(map, "value.self is a cycle");
        List<Object> list = new ArrayList<>();
        list.add(new Holder(list));
        assertProblem(list, "value[0].value is a cycle");
    }

    @Test
    void rejectsOtherKeysAndShadowedFields() {
        assertProblem(Map.of(new Holder(1), "one"), "key that is not a string, enum, number");
        assertProblem(new Shadowing(), "two fields named 'value'");
    }

    @Test
    void rejectsDeepNesting() {
        Object value = "leaf";
        for (int i = 0; i < PlainJava.MAX_DEPTH + 1; i++) {
            value = List.of(value);
        }
        assertProblem(value, "deeper than");
    }

    private static void assertProblem(Object value, String expected) {
        assertThat(PlainJava.findProblem("value", value)).hasValueSatisfying(p -> assertThat(p).contains(expected));
        assertThatThrownBy(() -> PlainJava.assertPlainJava("value", value)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(expected);
    }
}
