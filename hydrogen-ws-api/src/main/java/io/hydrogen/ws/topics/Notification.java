package io.hydrogen.ws.topics;

import io.hydrogen.ws.spi.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An event of the {@code notification} topic: something a person at a dashboard should know.
 *
 * @param level how serious it is
 * @param code a stable, machine-readable code, for example {@code temperature_reached}
 * @param message a human-readable sentence
 * @param source what raised it (for example {@code extruder}), or {@code null}
 * @param details further plain-Java values (maps, lists, strings, numbers, booleans, nulls)
 */
public record Notification(Level level, String code, String message, String source, Map<String, Object> details) {

    /** How serious a notification is. */
    public enum Level {
        /** For information. */
        INFO,
        /** Something may need attention. */
        WARNING,
        /** Something failed. */
        ERROR,
        /** Something failed and needs attention now (an emergency stop, thermal runaway). */
        CRITICAL;

        /** @return the name on the wire, for example {@code warning} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates the notification and copies its details.
     *
     * @param level how serious it is
     * @param code a stable code, {@code [a-z][a-z0-9_]{0,63}}
     * @param message a human-readable sentence
     * @param source what raised it, or {@code null}
     * @param details further plain-Java values; {@code null} means none
     * @throws NullPointerException if {@code level}, {@code code} or {@code message} is {@code null}
     * @throws IllegalArgumentException if {@code code} is not lower case letters, digits and underscores
     */
    public Notification {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Names.requireErrorCode(code); // a notification's code follows the rule of error codes
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Returns a notification with no source and no details.
     *
     * @param level how serious it is
     * @param code a stable code, {@code [a-z][a-z0-9_]{0,63}}
     * @param message a human-readable sentence
     * @return the notification
     */
    public static Notification of(Level level, String code, String message) {
        return new Notification(level, code, message, null, Map.of());
    }

    /** @return the event as the protocol writes it: {@code level}, {@code code}, {@code message}, {@code source}, {@code details} */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("level", level.wireName());
        wire.put("code", code);
        wire.put("message", message);
        wire.put("source", source);
        wire.put("details", details);
        return wire;
    }
}
