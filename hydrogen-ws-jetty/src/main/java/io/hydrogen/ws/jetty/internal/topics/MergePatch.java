package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collection;
import java.util.Map;

/**
 * RFC 7386 JSON merge patches, and the two filters a subscription applies before diffing: its
 * top-level {@code fields} and its numeric {@code deadband}. Pure functions: inputs are never
 * modified, and results may share unchanged subtrees with their inputs (which are never modified
 * afterwards either: topic values are copy-on-write).
 *
 * <p>Merge patches cannot tell a member set to {@code null} from an absent one: a member whose
 * value is {@code null} reaches the client as removed.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /**
     * @return the merge patch that turns {@code base} into {@code target}; empty if they are equal
     */
    public static JsonObject diff(JsonObject base, JsonObject target) {
        JsonObject patch = new JsonObject();
        for (Map.Entry<String, JsonElement> member : target.entrySet()) {
            JsonElement before = base.get(member.getKey());
            JsonElement after = member.getValue();
            if (after.isJsonNull()) {
                if (before != null && !before.isJsonNull()) {
                    patch.add(member.getKey(), JsonNull.INSTANCE);
                }
            } else if (before != null && before.isJsonObject() && after.isJsonObject()) {
                JsonObject nested = diff(before.getAsJsonObject(), after.getAsJsonObject());
                if (nested.size() > 0) {
                    patch.add(member.getKey(), nested);
                }
            } else if (!after.equals(before)) {
                patch.add(member.getKey(), withoutNulls(after));
            }
        }
        for (String name : base.keySet()) {
            if (!target.has(name) && !base.get(name).isJsonNull()) {
                patch.add(name, JsonNull.INSTANCE);
            }
        }
        return patch;
    }

    /**
     * @return {@code target} with {@code patch} applied (RFC 7386 section 2); {@code target} is
     *     not modified
     */
    public static JsonElement apply(JsonElement target, JsonElement patch) {
        if (!patch.isJsonObject()) {
            return patch;
        }
        JsonObject result = target != null && target.isJsonObject() ? shallowCopy(target.getAsJsonObject())
                : new JsonObject();
        for (Map.Entry<String, JsonElement> member : patch.getAsJsonObject().entrySet()) {
            if (member.getValue().isJsonNull()) {
                result.remove(member.getKey());
            } else {
                result.add(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    /**
     * @return {@code value} with only the listed top-level members, or {@code value} itself when
     *     {@code fields} is {@code null}
     */
    public static JsonObject fields(JsonObject value, Collection<String> fields) {
        if (fields == null) {
            return value;
        }
        JsonObject selected = new JsonObject();
        for (String name : fields) {
            JsonElement member = value.get(name);
            if (member != null) {
                selected.add(name, member);
            }
        }
        return selected;
    }

    /**
     * Applies a deadband: every numeric leaf of {@code target} that differs by less than
     * {@code deadband} from the numeric leaf at the same place in {@code base} keeps the base's
     * value; everything else is the target's. With {@code deadband} 0, returns {@code target}.
     *
     * @return what the client should hold next; shares subtrees with both inputs
     */
    public static JsonObject deadband(JsonObject base, JsonObject target, double deadband) {
        if (deadband <= 0) {
            return target;
        }
        JsonObject result = new JsonObject();
        for (Map.Entry<String, JsonElement> member : target.entrySet()) {
            result.add(member.getKey(), deadband(base.get(member.getKey()), member.getValue(), deadband));
        }
        return result;
    }

    private static JsonElement deadband(JsonElement before, JsonElement after, double deadband) {
        if (before == null) {
            return after;
        }
        if (before.isJsonObject() && after.isJsonObject()) {
            return deadband(before.getAsJsonObject(), after.getAsJsonObject(), deadband);
        }
        if (isNumber(before) && isNumber(after)
                && Math.abs(after.getAsDouble() - before.getAsDouble()) < deadband) {
            return before;
        }
        return after;
    }

    private static boolean isNumber(JsonElement element) {
        return element.isJsonPrimitive() && ((JsonPrimitive) element).isNumber();
    }

    private static JsonElement withoutNulls(JsonElement value) {
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

    private static JsonObject shallowCopy(JsonObject object) {
        JsonObject copy = new JsonObject();
        object.entrySet().forEach(member -> copy.add(member.getKey(), member.getValue()));
        return copy;
    }
}
