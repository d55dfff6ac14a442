package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns inbound JSON trees into the plain Java values hosts see (hosts never handle Gson types), and
 * writes trees into a larger document. Host values going out are converted by {@link JsonValues}.
 */
public final class PlainJson {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private PlainJson() {
    }

    /** Writes a JSON tree (as {@link JsonValues} makes them: no NaN) into a writer that is building a larger document. */
    static void write(JsonElement element, JsonWriter writer) {
        GSON.toJson(element, writer);
    }

    /**
     * @return the value as unmodifiable maps (insertion order) and lists of strings, {@code Long}
     *     (integers that fit), {@code Double} (other numbers), booleans and {@code null}
     */
    public static Object toJava(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> entry : ((JsonObject) element).entrySet()) {
                map.put(entry.getKey(), toJava(entry.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (element.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement item : (JsonArray) element) {
                list.add(toJava(item));
            }
            return Collections.unmodifiableList(list);
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            String text = primitive.getAsString();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notALong) {
                return Double.parseDouble(text);
            }
        }
        return primitive.getAsString();
    }
}
