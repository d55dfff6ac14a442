package io.hydrogen.ws.benchmark.metrics;

/**
 * Reads the two numbers the generator needs from a status message, {@code seq} and
 * {@code timestamp}, with {@code indexOf} instead of a JSON parser: at hundreds of thousands of
 * messages per second a full parse would make the generator, not the server, the bottleneck.
 *
 * <p>This relies on the server's own output: the top-level keys {@code "seq":} and
 * {@code "timestamp":} occur once, without whitespace before the colon, and no nested object uses
 * those names (docs/protocol.md).
 */
public final class StatusFields {

    private static final String STATUS_PREFIX = "{\"type\":\"status\"";
    private static final String SEQ = "\"seq\":";
    private static final String TIMESTAMP = "\"timestamp\":";

    private StatusFields() {
    }

    /** @return whether {@code text} is a status message (the server writes {@code type} first) */
    public static boolean isStatus(String text) {
        return text.startsWith(STATUS_PREFIX);
    }

    /** @return the {@code seq} value, or -1 if absent or not a non-negative integer */
    public static long seq(String text) {
        return field(text, SEQ);
    }

    /** @return the {@code timestamp} value in epoch milliseconds, or -1 if absent */
    public static long timestamp(String text) {
        return field(text, TIMESTAMP);
    }

    static long field(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        int end = text.length();
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end; i++, digits++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (digits == 18) {
                return -1; // would overflow; no sane seq or timestamp is this long
            }
            value = value * 10 + (c - '0');
        }
        return digits == 0 ? -1 : value;
    }
}
