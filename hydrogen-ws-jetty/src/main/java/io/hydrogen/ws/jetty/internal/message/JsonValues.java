package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.JsonNaming;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * The one converter from the host's plain Java to JSON, for everything that leaves the server:
 * status sections, handler results, broadcasts and error details. The rules (documented in
 * {@code docs/spi.md}, "Values"):
 * <ul>
 * <li>{@code null}, strings, characters, booleans as themselves; enum constants by {@code name()};
 * <li>numbers ({@code Byte} to {@code Long}, {@code Float}, {@code Double}, {@code BigInteger},
 *     {@code BigDecimal}, the atomic and adder counters) as numbers; {@code NaN} and infinities as
 *     {@code null} (a disconnected sensor reads as "no value", not as a broken section);
 * <li>{@code Optional} (and {@code OptionalInt}, ...) unwrapped, empty as {@code null};
 * <li>{@code java.time} values as ISO 8601 strings ({@code ZonedDateTime} with its offset, without
 *     the region name ISO 8601 has no place for); {@code java.util.Date} as an instant;
 *     {@code UUID} and {@code URI} as strings;
 * <li>maps as objects (keys: strings, enum names, numbers, booleans or characters), collections and
 *     arrays as arrays, in iteration order;
 * <li>records (components) and the host's own classes (non-static, non-transient fields, the
 *     class's own first) as objects, member names spelled by the {@link JsonNaming} policy;
 * <li>anything else (other JDK types, lambdas, anonymous classes, cycles, nesting deeper than
 *     {@link #MAX_DEPTH}) is refused with an {@link UnserialisableValueException}.
 * </ul>
 * Immutable and thread-safe; the reflective reading of each class is worked out once.
 */
public final class JsonValues {

    /** The deepest nesting accepted, as in the testkit's plain-Java check. */
    public static final int MAX_DEPTH = 100;

    /** For the library's own maps (built-in error details): they hold no records, so naming never applies. */
    public static final JsonValues INTERNAL = new JsonValues(JsonNaming.AS_DECLARED);

    private static final String ADVICE = "return only null, strings, numbers, booleans, enums, Optionals, "
            + "java.time values, maps, collections, arrays, records or objects of your own classes "
            + "(see \"Values\" in docs/spi.md)";

    private final JsonNaming naming;
    private final ClassValue<Shape> shapes = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type, naming);
        }
    };

    /** @param naming how record component and field names are spelled */
    public JsonValues(JsonNaming naming) {
        this.naming = naming;
    }

    /**
     * Converts a host's value.
     *
     * @param value the value
     * @param what how to name the value in a failure, for example {@code "status()"}
     * @return a fresh JSON tree
     * @throws UnserialisableValueException if a part of the value has no JSON form
     */
    public JsonElement toJson(Object value, String what) {
        return new Walk().convert(value, what, 0);
    }

    /**
     * Converts a map of details (host or built-in) to a JSON object, keeping its order.
     *
     * @throws UnserialisableValueException if a value has no JSON form
     */
    public JsonObject toJsonObject(Map<String, ?> map, String what) {
        return toJson(map, what).getAsJsonObject();
    }

    /** The spelling of a Java member name under {@code naming}. */
    static String memberName(String javaName, JsonNaming naming) {
        return naming == JsonNaming.SNAKE_CASE ? snakeCase(javaName) : javaName;
    }

    /** {@code nozzleTempC} to {@code nozzle_temp_c}; an acronym stays one word: {@code rpmURLValue} to {@code rpm_url_value}. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                char before = i > 0 ? name.charAt(i - 1) : '_';
                boolean wordStart = Character.isLowerCase(before) || Character.isDigit(before)
                        || Character.isUpperCase(before) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (wordStart && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static UnserialisableValueException refuse(String where, String why, Throwable cause) {
        return new UnserialisableValueException(where + " " + why + ": " + ADVICE, cause);
    }

    /** One conversion: remembers the containers on the current path to tell a cycle from sharing. */
    private final class Walk {

        private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

        JsonElement convert(Object value, String where, int depth) {
            JsonElement scalar = scalar(value, where);
            if (scalar != null) {
                return scalar;
            }
            if (value instanceof Optional<?> optional) {
                return convert(optional.orElse(null), where, depth);
            }
            if (depth >= MAX_DEPTH) {
                throw refuse(where, "is nested deeper than " + MAX_DEPTH + " levels", null);
            }
            if (!path.add(value)) {
                throw refuse(where, "contains itself (a cycle through a " + value.getClass().getName() + ")", null);
            }
            try {
                return container(value, where, depth + 1);
            } finally {
                path.remove(value);
            }
        }

        private JsonElement container(Object value, String where, int depth) {
            if (value instanceof Map<?, ?> map) {
                JsonObject object = new JsonObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = key(entry.getKey(), where);
                    object.add(key, convert(entry.getValue(), where + "." + key, depth));
                }
                return object;
            }
            if (value instanceof Collection<?> collection) {
                JsonArray array = new JsonArray(collection.size());
                int i = 0;
                for (Object item : collection) {
                    array.add(convert(item, where + "[" + i++ + "]", depth));
                }
                return array;
            }
            if (value.getClass().isArray()) {
                int length = Array.getLength(value);
                JsonArray array = new JsonArray(length);
                for (int i = 0; i < length; i++) {
                    array.add(convert(Array.get(value, i), where + "[" + i + "]", depth));
                }
                return array;
            }
            if (value instanceof JsonElement json) {
                return json.deepCopy(); // a host that already holds JSON
            }
            Shape shape = shapes.get(value.getClass());
            if (shape.problem != null) {
                throw refuse(where, shape.problem, null);
            }
            JsonObject object = new JsonObject();
            for (Property property : shape.properties) {
                String at = where + "." + property.javaName;
                object.add(property.jsonName, convert(property.read(value, at), at, depth));
            }
            return object;
        }
    }

    /** @return the JSON form of a value that needs no walking, or {@code null} if it is a container */
    private static JsonElement scalar(Object value, String where) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Number n) {
            return number(n, where);
        }
        if (value instanceof Character c) {
            return new JsonPrimitive(c);
        }
        if (value instanceof Enum<?> e) {
            return new JsonPrimitive(e.name());
        }
        if (value instanceof OptionalInt o) {
            return o.isPresent() ? new JsonPrimitive(o.getAsInt()) : JsonNull.INSTANCE;
        }
        if (value instanceof OptionalLong o) {
            return o.isPresent() ? new JsonPrimitive(o.getAsLong()) : JsonNull.INSTANCE;
        }
        if (value instanceof OptionalDouble o) {
            return o.isPresent() ? finite(o.getAsDouble()) : JsonNull.INSTANCE;
        }
        String text = text(value);
        return text == null ? null : new JsonPrimitive(text);
    }

    private static JsonElement number(Number n, String where) {
        if (n instanceof Double || n instanceof Float) {
            return Double.isFinite(n.doubleValue()) ? new JsonPrimitive(n) : JsonNull.INSTANCE; // 0.1f stays 0.1
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal) {
            return new JsonPrimitive(n);
        }
        if (n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
                || n instanceof LongAccumulator) {
            return new JsonPrimitive(n.longValue());
        }
        if (n instanceof DoubleAdder || n instanceof DoubleAccumulator) {
            return finite(n.doubleValue());
        }
        throw refuse(where, "is a " + n.getClass().getName() + ", a number type with no defined JSON form "
                + "(use Long, Double, BigInteger or BigDecimal)", null);
    }

    private static JsonElement finite(double d) {
        // JSON has no NaN or infinity: a reading that is not a number is "no value".
        return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
    }

    /** @return the ISO 8601 (or other documented) text of a value that is written as a string, else {@code null} */
    private static String text(Object value) {
        if (value instanceof Instant i) {
            return DateTimeFormatter.ISO_INSTANT.format(i);
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof ZonedDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (value instanceof LocalDate t) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(t);
        }
        if (value instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        if (value instanceof OffsetTime t) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(t);
        }
        if (value instanceof Duration || value instanceof Period || value instanceof Year
                || value instanceof YearMonth || value instanceof UUID || value instanceof URI) {
            return value.toString();
        }
        if (value instanceof ZoneId zone) {
            return zone.getId();
        }
        if (value instanceof Date date) {
            return DateTimeFormatter.ISO_INSTANT.format(date.toInstant());
        }
        return null;
    }

    private static String key(Object key, String where) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Enum<?> e) {
            return e.name();
        }
        if (key instanceof Number || key instanceof Boolean || key instanceof Character) {
            return key.toString();
        }
        throw refuse(where, "has a map key that is "
                + (key == null ? "null" : "a " + key.getClass().getName())
                + " (keys must be strings, enums, numbers, booleans or characters)", null);
    }

    /** A record component or field, with its JSON name. */
    private record Property(String javaName, String jsonName, Member member) {

        Object read(Object owner, String where) {
            try {
                return member instanceof Method accessor ? accessor.invoke(owner) : ((Field) member).get(owner);
            } catch (InvocationTargetException e) {
                throw refuse(where, "could not be read: its accessor threw " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw refuse(where, "could not be read (" + e.getMessage() + ")", e);
            }
        }
    }

    /** How the objects of one class are written: their properties, or why they cannot be. */
    private static final class Shape {

        final List<Property> properties;
        final String problem;

        private Shape(List<Property> properties, String problem) {
            this.properties = properties;
            this.problem = problem;
        }

        static Shape of(Class<?> type, JsonNaming naming) {
            String problem = classProblem(type);
            if (problem != null) {
                return new Shape(List.of(), problem);
            }
            List<Property> properties = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    properties.add(new Property(component.getName(), memberName(component.getName(), naming),
                            component.getAccessor()));
                }
            } else {
                for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        int modifiers = field.getModifiers();
                        if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                            properties.add(new Property(field.getName(), memberName(field.getName(), naming), field));
                        }
                    }
                }
            }
            Set<String> names = new HashSet<>();
            for (Property property : properties) {
                if (!names.add(property.jsonName)) {
                    return new Shape(List.of(), "is a " + type.getName() + " with two members named '"
                            + property.jsonName + "' in JSON (rename one, or make a field transient)");
                }
                if (!((AccessibleObject) property.member).trySetAccessible()) {
                    Class<?> owner = property.member.getDeclaringClass();
                    return new Shape(List.of(), "is a " + type.getName() + " whose member '" + property.javaName
                            + "' cannot be read: open package " + owner.getPackageName() + " of " + owner.getModule()
                            + " to module io.hydrogen.ws.jetty (opens ... to io.hydrogen.ws.jetty in module-info)");
                }
            }
            return new Shape(List.copyOf(properties), null);
        }

        private static String classProblem(Class<?> type) {
            if (type.isSynthetic() || type.isHidden()) {
                return "is a lambda or another synthetic object (" + type.getName() + ")";
            }
            if (type.isAnonymousClass() || type.isLocalClass()) {
                return "is an instance of an anonymous or local class (" + type.getName()
                        + "), which has no stable JSON form";
            }
            if (type == Object.class) {
                return "is a bare java.lang.Object, which has no JSON form";
            }
            for (Class<?> c = type; c != Object.class && c != Record.class; c = c.getSuperclass()) {
                if (isJdk(c)) {
                    return "is a " + type.getName() + (c == type ? "" : " (a " + c.getName() + ")")
                            + ", a JDK type with no JSON form";
                }
            }
            return null;
        }

        private static boolean isJdk(Class<?> type) {
            String name = type.getName();
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("com.sun.");
        }
    }
}
