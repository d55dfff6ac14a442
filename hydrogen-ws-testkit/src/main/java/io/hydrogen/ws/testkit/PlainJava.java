package io.hydrogen.ws.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks that a value is "plain Java" as the SPIs define it: what a
 * {@link io.hydrogen.ws.spi.StatusProvider} or a {@link io.hydrogen.ws.spi.MessageHandler} may
 * return, because the server can serialise it to JSON by the rules of {@code docs/spi.md}
 * ("Values").
 *
 * <p>Plain Java is, nested freely: {@code null}; a {@code String}, {@code Character} or
 * {@code Boolean}; a {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code Float},
 * {@code Double} (NaN and infinities are sent as {@code null}), {@code BigInteger},
 * {@code BigDecimal}, or an atomic or adder counter; an enum constant; an {@code Optional} (or
 * {@code OptionalInt}, ...) of plain Java; a {@code java.time} date, time, {@code Duration},
 * {@code Period}, {@code Year}, {@code YearMonth} or {@code ZoneId}, a {@code java.util.Date}, a
 * {@code UUID} or a {@code URI}; a {@code Map} whose keys are strings, enums, numbers, booleans or
 * characters; a {@code Collection}; an array; a record; or an object of a class of your own whose
 * non-static, non-transient fields are plain Java. Not plain Java: other JDK types
 * ({@code Thread}, {@code InputStream}, a bare {@code Object}, ...), lambdas, instances of
 * anonymous or local classes, and cycles.
 *
 * <p>The contracts use it; use it in your own tests too:
 *
 * <pre>{@code
 * PlainJava.assertPlainJava("printer status", provider.status());
 * }</pre>
 */
public final class PlainJava {

    /** The deepest nesting accepted; deeper values are reported as a problem. */
    public static final int MAX_DEPTH = 100;

    private static final Set<Class<?>> NUMBERS = Set.of(Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, BigInteger.class, BigDecimal.class, AtomicInteger.class, AtomicLong.class,
            LongAdder.class, LongAccumulator.class, DoubleAdder.class, DoubleAccumulator.class);

    /** JDK types that are sent as strings (ISO 8601 for the times); subclasses count too. */
    private static final List<Class<?>> TEXTUAL = List.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class,
            LocalDateTime.class, LocalDate.class, LocalTime.class, OffsetTime.class, Duration.class, Period.class,
            Year.class, YearMonth.class, ZoneId.class, Date.class, UUID.class, URI.class, OptionalInt.class,
            OptionalLong.class, OptionalDouble.class);

    private PlainJava() {
    }

    /**
     * Fails if {@code value} is not plain Java.
     *
     * @param what how to name the value in the failure message, for example {@code "status()"}
     * @param value the value to check
     * @throws AssertionError naming the first offending part (as a path such as
     *     {@code status().printer.jobs[2]}) and why
     */
    public static void assertPlainJava(String what, Object value) {
        Optional<String> problem = findProblem(what, value);
        if (problem.isPresent()) {
            throw new AssertionError(problem.get());
        }
    }

    /**
     * Looks for the first part of {@code value} that is not plain Java.
     *
     * @param what how to name the value in the description
     * @param value the value to check
     * @return a description of the first problem, with its path, or empty if the value is plain
     */
    public static Optional<String> findProblem(String what, Object value) {
        return Optional.ofNullable(new Walker().check(value, what, 0));
    }

    private static final class Walker {

        /** The containers on the current path, to find cycles (a shared, acyclic value is fine). */
        private final Set<Object> path = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        String check(Object value, String where, int depth) {
            if (value == null || value instanceof String || value instanceof Boolean || value instanceof Character
                    || value instanceof Enum<?> || TEXTUAL.stream().anyMatch(type -> type.isInstance(value))) {
                return null;
            }
            if (value instanceof Number number) {
                return checkNumber(number, where);
            }
            if (value instanceof Optional<?> optional) {
                return check(optional.orElse(null), where, depth);
            }
            if (depth >= MAX_DEPTH) {
                return where + " is nested deeper than " + MAX_DEPTH + " levels";
            }
            if (!path.add(value)) {
                return where + " is a cycle: it contains itself (" + value.getClass().getName() + ")";
            }
            try {
                return checkContainer(value, where, depth);
            } finally {
                path.remove(value);
            }
        }

        private static String checkNumber(Number number, String where) {
            // NaN and infinities are fine: the server sends them as null.
            return NUMBERS.contains(number.getClass()) ? null : where + " is a " + number.getClass().getName()
                    + ": use Long, Double, BigInteger or BigDecimal (or another java.lang number)";
        }

        private String checkContainer(Object value, String where, int depth) {
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    Object rawKey = entry.getKey();
                    if (!(rawKey instanceof String || rawKey instanceof Enum<?> || rawKey instanceof Number
                            || rawKey instanceof Boolean || rawKey instanceof Character)) {
                        return where + " has a key that is not a string, enum, number, boolean or character: "
                                + describe(rawKey);
                    }
                    String key = rawKey instanceof Enum<?> e ? e.name() : rawKey.toString();
                    String problem = check(entry.getValue(), where + "." + key, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            if (value instanceof Collection<?> collection) {
                int i = 0;
                for (Object item : collection) {
                    String problem = check(item, where + "[" + i++ + "]", depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            Class<?> type = value.getClass();
            if (type.isArray()) {
                int length = Array.getLength(value);
                for (int i = 0; i < length; i++) {
                    String problem = check(Array.get(value, i), where + "[" + i + "]", depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            String problem = checkClass(type, where);
            if (problem != null) {
                return problem;
            }
            return type.isRecord() ? checkRecord(value, type, where, depth) : checkFields(value, type, where, depth);
        }

        private String checkRecord(Object value, Class<?> type, String where, int depth) {
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                if (!accessor.trySetAccessible()) {
                    return where + "." + component.getName() + " cannot be read: open the package of "
                            + type.getName() + " for reflection";
                }
                Object item;
                try {
                    item = accessor.invoke(value);
                } catch (ReflectiveOperationException e) {
                    return where + "." + component.getName() + " cannot be read: " + e.getCause();
                }
                String problem = check(item, where + "." + component.getName(), depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        private String checkFields(Object value, Class<?> type, String where, int depth) {
            Set<String> names = new HashSet<>();
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                        continue;
                    }
                    if (!names.add(field.getName())) {
                        return where + " has two fields named '" + field.getName()
                                + "' (one hides the other): rename one or make it transient";
                    }
                    if (!field.trySetAccessible()) {
                        return where + "." + field.getName() + " cannot be read: open the package of "
                                + c.getName() + " for reflection";
                    }
                    Object item;
                    try {
                        item = field.get(value);
                    } catch (IllegalAccessException e) {
                        return where + "." + field.getName() + " cannot be read: " + e;
                    }
                    String problem = check(item, where + "." + field.getName(), depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }

        private static String checkClass(Class<?> type, String where) {
            if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")) {
                return where + " is a lambda or another synthetic object (" + type.getName() + ")";
            }
            if (type.isAnonymousClass() || type.isLocalClass()) {
                return where + " is an instance of an anonymous or local class (" + type.getName()
                        + "), which has no stable JSON form: use a named class, a record or a Map";
            }
            if (type == Object.class) {
                return where + " is a bare java.lang.Object, which has no JSON form";
            }
            for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
                if (isJdk(c)) {
                    String hint = "convert it to a String, number, Map or List";
                    return where + " is a " + type.getName() + (c == type ? "" : " (a " + c.getName() + ")")
                            + ", a JDK type that is not plain Java: " + hint;
                }
            }
            return null;
        }

        private static boolean isJdk(Class<?> type) {
            String name = type.getName();
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("com.sun.");
        }

        private static String describe(Object key) {
            return key == null ? "null" : key + " (" + key.getClass().getName() + ")";
        }
    }
}
