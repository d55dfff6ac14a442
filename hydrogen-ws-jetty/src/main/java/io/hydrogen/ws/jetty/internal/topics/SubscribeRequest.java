package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.topics.TopicKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated {@code subscribe} message: the topic and the subscription's options.
 *
 * @param topic the topic's name
 * @param minIntervalMillis at most one update per this many milliseconds (0: every publication)
 * @param deadband numeric leaves go out only once they moved at least this much (0: every change)
 * @param fields the top-level members to send, or {@code null} for all
 * @param resume where the client left off, or {@code null}
 */
public record SubscribeRequest(String topic, long minIntervalMillis, double deadband, List<String> fields,
        Resume resume) {

    /** The longest interval a subscription may ask for: one day. */
    static final long MAX_INTERVAL_MILLIS = 86_400_000L;

    /**
     * Where a client left off.
     *
     * @param epoch the epoch of the events it received
     * @param seq the sequence number of the last event it received
     */
    public record Resume(String epoch, long seq) {
    }

    /** A subscription option that is malformed, or not allowed for the topic's kind. */
    public static final class InvalidOption extends Exception {
        private final String field;

        InvalidOption(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }

        /** @return the message member that is wrong */
        public String field() {
            return field;
        }
    }

    /**
     * Reads the options of a {@code subscribe} message for a topic of the given kind.
     *
     * @throws InvalidOption naming the member to fix
     */
    public static SubscribeRequest parse(String topic, TopicKind kind, JsonObject body) throws InvalidOption {
        long minInterval = (long) number(body, "min_interval_ms", MAX_INTERVAL_MILLIS);
        double deadband = number(body, "deadband", Double.MAX_VALUE);
        List<String> fields = fields(body.get("fields"));
        Resume resume = resume(body.get("resume"));
        if (kind != TopicKind.STATE) {
            if (body.has("deadband")) {
                throw new InvalidOption("deadband", "deadband applies to state topics only");
            }
            if (body.has("fields")) {
                throw new InvalidOption("fields", "fields applies to state topics only");
            }
        }
        if (kind == TopicKind.STATUS && body.has("resume")) {
            throw new InvalidOption("resume", "the status topic cannot be resumed");
        }
        return new SubscribeRequest(topic, minInterval, deadband, fields, resume);
    }

    private static double number(JsonObject body, String name, double max) throws InvalidOption {
        JsonElement value = body.get(name);
        if (value == null || value.isJsonNull()) {
            return 0;
        }
        if (!value.isJsonPrimitive() || !((JsonPrimitive) value).isNumber()) {
            throw new InvalidOption(name, "'" + name + "' must be a number");
        }
        double number = value.getAsDouble();
        if (!(number >= 0) || number > max) {
            throw new InvalidOption(name, "'" + name + "' must be between 0 and " + (long) max);
        }
        return number;
    }

    private static List<String> fields(JsonElement value) throws InvalidOption {
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonArray()) {
            throw new InvalidOption("fields", "'fields' must be a list of member names");
        }
        List<String> names = new ArrayList<>();
        for (JsonElement item : (JsonArray) value) {
            if (!item.isJsonPrimitive() || !((JsonPrimitive) item).isString()) {
                throw new InvalidOption("fields", "'fields' must be a list of member names");
            }
            names.add(item.getAsString());
        }
        return List.copyOf(names);
    }

    private static Resume resume(JsonElement value) throws InvalidOption {
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonObject()) {
            throw new InvalidOption("resume", "'resume' must be {\"epoch\":STRING,\"seq\":INTEGER}");
        }
        JsonElement epoch = value.getAsJsonObject().get("epoch");
        JsonElement seq = value.getAsJsonObject().get("seq");
        if (epoch == null || !epoch.isJsonPrimitive() || !((JsonPrimitive) epoch).isString()
                || seq == null || !seq.isJsonPrimitive() || !((JsonPrimitive) seq).isNumber()) {
            throw new InvalidOption("resume", "'resume' must be {\"epoch\":STRING,\"seq\":INTEGER}");
        }
        double number = seq.getAsDouble();
        if (number < 0 || number != Math.floor(number) || number > Long.MAX_VALUE) {
            throw new InvalidOption("resume", "'resume.seq' must be an integer >= 0");
        }
        return new Resume(epoch.getAsString(), seq.getAsLong());
    }
}
