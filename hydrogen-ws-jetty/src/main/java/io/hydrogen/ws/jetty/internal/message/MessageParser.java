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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and validates client text messages: strict JSON, an object, a string {@code type}. */
public final class MessageParser {

    private static final int MAX_ECHOED_CHARS = 64;
    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

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
            throw new InvalidMessageException("malformed JSON" + position(e.getMessage()), null);
        }
    }

    private static boolean isStringOrNumber(JsonElement element) {
        if (!element.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isString() || primitive.isNumber();
    }

    /** Gson's messages name its own API and may quote input: keep only the position. */
    private static String position(String message) {
        Matcher matcher = message == null ? null : POSITION.matcher(message);
        return matcher != null && matcher.find() ? " at line " + matcher.group(1) + " column " + matcher.group(2) : "";
    }
}
