package io.hydrogen.ws.benchmark.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Which text messages a run measures, recognised by how the server starts them (it writes
 * {@code type} first, and {@code topic} second in a topic's messages; docs/protocol.md): status
 * pushes, or the {@code update}s of one state topic. Everything else (replies, snapshots, the
 * greeting status of a topic run) is counted as "other". Immutable.
 */
public final class MeasuredMessages {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

    private final String description;
    private final byte[] prefix;

    private MeasuredMessages(String description, String prefix) {
        this.description = description;
        this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return status pushes: {@code {"type":"status",...}} */
    public static MeasuredMessages status() {
        return new MeasuredMessages("status", "{\"type\":\"status\"");
    }

    /**
     * @return the updates of state topic {@code topic}: {@code {"type":"update","topic":"NAME",...}}
     * @throws IllegalArgumentException if {@code topic} is not a valid topic name
     */
    public static MeasuredMessages updates(String topic) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException("a topic name matches [a-z][a-z0-9_.]{0,63}, was " + topic);
        }
        return new MeasuredMessages("updates of " + topic, "{\"type\":\"update\",\"topic\":\"" + topic + "\",");
    }

    /** @return whether the UTF-8 {@code text} (from its position to its limit) is one of these messages */
    public boolean matches(ByteBuffer text) {
        if (text.remaining() < prefix.length) {
            return false;
        }
        int base = text.position();
        for (int i = 0; i < prefix.length; i++) {
            if (text.get(base + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return description;
    }
}
