package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Parses and validates client text messages: strict JSON, an object, a string {@code type}. */
public final class MessageParser {

    private static final int MAX_ECHOED_CHARS = 64;

    private MessageParser() {
    }

    /**
     * Parses one complete text message.
     *
     * @throws InvalidMessageException with the reason, and the id if it could be read
     */
    public static InboundMessage parse(String text) throws InvalidMessageException {
        JsonElement root = parseStrict(text);
        if (!root.isJsonObject()) {
            throw new InvalidMessageException("message must be a JSON object", null);
        }
        JsonObject object = root.getAsJsonObject();
        JsonElement id = object.get("id");
        if (id != null && !isStringOrNumber(id)) {
            throw new InvalidMessageException("'id' must be a string or a number", null);
        }
        JsonElement type = object.get("type");
        if (type == null) {
            throw new InvalidMessageException("missing 'type'", id);
        }
        if (!type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
            throw new InvalidMessageException("'type' must be a string", id);
        }
        return new InboundMessage(type.getAsString(), id, object);
    }

    /** @return the text cut to a length that is safe to echo in an error */
    public static String truncateForEcho(String text) {
        return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "...";
    }

    private static JsonElement parseStrict(String text) throws InvalidMessageException {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidMessageException("malformed JSON: data after the end of the value", null);
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new InvalidMessageException("malformed JSON: " + firstLine(e.getMessage()), null);
        }
    }

    private static boolean isStringOrNumber(JsonElement element) {
        if (!element.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isString() || primitive.isNumber();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        // Gson appends a troubleshooting link on a second line; the position is what helps a client.
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int prefix = line.indexOf("Exception: ");
        return prefix < 0 ? line : line.substring(prefix + "Exception: ".length());
    }
}
