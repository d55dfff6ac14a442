package io.hydrogen.ws.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a value is "plain Java" as the SPIs define it: what a
 * {@link io.hydrogen.ws.spi.StatusProvider} or a {@link io.hydrogen.ws.spi.MessageHandler} may
 * return, because the server can serialise it to JSON.
 *
 * <p>Plain Java is, nested freely: {@code null}; a {@code String}, {@code Character} or
 * {@code Boolean}; a finite {@code Byte}, {@code Short}, {@code Integer}, {@code Long},
 * {@code Float}, {@code Double}, {@code BigInteger} or {@code BigDecimal}; an enum constant; a
 * {@code Map} whose keys are non-null strings; a {@code List}; an array; a record; or an object of
 * a class of your own whose non-static, non-transient fields are plain Java. Not plain Java: other
 * JDK types ({@code Thread}, {@code InputStream}, {@code Optional}, {@code Instant}, {@code Set},
 * ...), lambdas, instances of anonymous or local classes, NaN and infinities, and cycles.
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
            Float.class, Double.class, BigInteger.class, BigDecimal.class);

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
                    || value instanceof Enum<?>) {
                return null;
            }
            if (value instanceof Number number) {
                return checkNumber(number, where);
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
            if (!NUMBERS.contains(number.getClass())) {
                return where + " is a " + number.getClass().getName()
                        + ": use Long, Double, BigInteger or BigDecimal (or another java.lang number)";
            }
            if ((number instanceof Double d && (d.isNaN() || d.isInfinite()))
                    || (number instanceof Float f && (f.isNaN() || f.isInfinite()))) {
                return where + " is " + number + ": JSON has no NaN or infinity; use null";
            }
            return null;
        }

        private String checkContainer(Object value, String where, int depth) {
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        return where + " has a key that is not a string: " + describe(entry.getKey());
                    }
                    String problem = check(entry.getValue(), where + "." + key, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            if (value instanceof List<?> list) {
                int i = 0;
                for (Object item : list) {
                    String problem = check(item, where + "[" + i++ + "]", depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            if (value instanceof Collection<?>) {
                return where + " is a " + value.getClass().getName() + ": use a List (or an array)";
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
                        + "), which serialises as null: use a named class, a record or a Map";
            }
            for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
                if (isJdk(c)) {
                    String hint = c == Optional.class ? "unwrap it (orElse(null))" : "convert it to a String, "
                            + "number, Map or List";
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
