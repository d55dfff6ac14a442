package io.hydrogen.ws.benchmark.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the two numbers the generator needs from a status message (or a topic's update, which has
 * the same members), {@code seq} and
 * {@code timestamp}, with {@code indexOf} instead of a JSON parser: at hundreds of thousands of
 * messages per second a full parse would make the generator, not the server, the bottleneck.
 *
 * <p>This relies on the server's own output: the top-level keys {@code "seq":} and
 * {@code "timestamp":} occur once, without whitespace before the colon, and no nested object uses
 * those names (docs/protocol.md).
 */
public final class StatusFields {

    private static final byte[] SEQ_BYTES = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP_BYTES = "\"timestamp\":".getBytes(StandardCharsets.US_ASCII);

    private StatusFields() {
    }

    /** @return the {@code seq} value, or -1 if absent or not a non-negative integer */
    public static long seq(ByteBuffer text) {
        return field(text, SEQ_BYTES);
    }

    /** @return the {@code timestamp} value in epoch milliseconds, or -1 if absent */
    public static long timestamp(ByteBuffer text) {
        return field(text, TIMESTAMP_BYTES);
    }

    /** String forms, for tests and tools. */
    public static long field(String text, String key) {
        return field(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), key.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(ByteBuffer text, byte[] key, int from) {
        int base = text.position();
        int last = text.limit() - key.length;
        outer:
        for (int i = base + from; i <= last; i++) {
            for (int k = 0; k < key.length; k++) {
                if (text.get(i + k) != key[k]) {
                    continue outer;
                }
            }
            return i - base;
        }
        return -1;
    }

    private static long field(ByteBuffer text, byte[] key) {
        int at = indexOf(text, key, 0);
        if (at < 0) {
            return -1;
        }
        int i = text.position() + at + key.length;
        int end = text.limit();
        while (i < end && text.get(i) == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end; i++, digits++) {
            int c = text.get(i);
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
