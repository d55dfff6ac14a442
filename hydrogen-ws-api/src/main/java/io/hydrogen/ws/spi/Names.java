package io.hydrogen.ws.spi;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules for what hosts plug in: status sections, message types and API keys. The
 * builder applies them; implementations apply them to what they discover and to keys added at
 * runtime. Every check throws {@link IllegalArgumentException} saying what to fix.
 */
public final class Names {

    /**
     * Fields of the status message and of the system info response (which is a status message plus
     * {@code port}, {@code protocol} and {@code outbound}) that a status section may not replace.
     */
    public static final Set<String> RESERVED_STATUS_FIELDS = Set.of("type", "id", "seq", "timestamp",
            "server_start_time", "active_connections", "total_connections", "total_requests", "system", "status",
            "port", "protocol", "outbound", "error", "result", "request", "epoch");

    /** Message types the server handles itself, or sends, and that a host handler may not take. */
    public static final Set<String> RESERVED_MESSAGE_TYPES = Set.of("status", "ping", "pong", "auth", "auth_ok",
            "error", "result", "subscribe", "subscribed", "unsubscribe", "unsubscribed", "topics", "snapshot", "update",
            "event", "control.acquire", "control.release");

    private static final Pattern SECTION = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern MESSAGE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Names() {
    }

    /**
     * Checks a status section name.
     *
     * @param name the section name to check
     * @return {@code name}
     * @throws IllegalArgumentException if it is not {@code [a-z][a-z0-9_]{0,63}} or is reserved
     */
    public static String requireStatusSection(String name) {
        if (name == null || !SECTION.matcher(name).matches()) {
            throw new IllegalArgumentException("status section name must match [a-z][a-z0-9_]{0,63}, was "
                    + quote(name));
        }
        if (RESERVED_STATUS_FIELDS.contains(name)) {
            throw new IllegalArgumentException("status section name '" + name + "' is a documented field of the "
                    + "status message or the system info response; choose another");
        }
        return name;
    }

    /**
     * Checks a message type for a host handler.
     *
     * @param type the message type to check
     * @return {@code type}
     * @throws IllegalArgumentException if it is malformed or built in
     */
    public static String requireMessageType(String type) {
        if (type == null || !MESSAGE_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("message type must match [A-Za-z][A-Za-z0-9_.:-]{0,63}, was "
                    + quote(type));
        }
        if (RESERVED_MESSAGE_TYPES.contains(type)) {
            throw new IllegalArgumentException("message type '" + type + "' is built in and cannot be replaced");
        }
        return type;
    }

    /**
     * Checks an error code chosen by a host handler.
     *
     * @param code the error code to check
     * @return {@code code}
     * @throws IllegalArgumentException if it is not {@code [a-z][a-z0-9_]{0,63}}
     */
    public static String requireErrorCode(String code) {
        if (code == null || !ERROR_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("error code must match [a-z][a-z0-9_]{0,63}, was " + quote(code));
        }
        return code;
    }

    /**
     * Checks an API key: non-empty printable ASCII without spaces. The message never contains the
     * key, only where it is wrong.
     *
     * @param key the key
     * @param label how to name the key in the message, for example {@code apiKey #2}
     * @return {@code key}
     * @throws IllegalArgumentException if it is empty or has another character
     */
    public static String requireApiKey(String key, String label) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(label + " is empty");
        }
        for (int j = 0; j < key.length(); j++) {
            char c = key.charAt(j);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(label + " must be printable ASCII without spaces; character "
                        + (j + 1) + " is not");
            }
        }
        return key;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
