package io.hydrogen.ws.jetty;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random JSON documents for property tests of topic values and merge patches. */
public final class RandomJson {

    private RandomJson() {
    }

    /** @return an object of up to 5 members named {@code k0..k5}, nested up to {@code depth} levels */
    public static JsonObject object(Random random, int depth) {
        JsonObject object = new JsonObject();
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            object.add("k" + random.nextInt(6), value(random, depth));
        }
        return object;
    }

    private static JsonElement value(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0:
                return JsonNull.INSTANCE;
            case 1:
                return new JsonPrimitive(random.nextInt(5));
            case 2:
                return new JsonPrimitive(random.nextInt(1000) / 10.0);
            case 3:
                return new JsonPrimitive(List.of("a", "b", "", "é").get(random.nextInt(4)));
            case 4:
                return new JsonPrimitive(random.nextBoolean());
            case 5: {
                JsonArray array = new JsonArray();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                return array;
            }
            default:
                return object(random, depth - 1);
        }
    }

    /** @return {@code value} without its null members: what a client applying merge patches holds */
    public static JsonElement withoutNulls(JsonElement value) {
        if (!value.isJsonObject()) {
            return value;
        }
        JsonObject copy = new JsonObject();
        for (Map.Entry<String, JsonElement> member : value.getAsJsonObject().entrySet()) {
            if (!member.getValue().isJsonNull()) {
                copy.add(member.getKey(), withoutNulls(member.getValue()));
            }
        }
        return copy;
    }
}
