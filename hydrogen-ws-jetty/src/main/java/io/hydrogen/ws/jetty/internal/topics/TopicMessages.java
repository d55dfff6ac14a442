package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.topics.TopicInfo;
import java.nio.ByteBuffer;
import java.util.List;

/** The messages of the topics protocol (v0.2), each built once and encoded as UTF-8. */
final class TopicMessages {

    private TopicMessages() {
    }

    /** {@code {"type":"subscribed","id":..,"topic","kind","epoch","seq","resumed"}} */
    static ByteBuffer subscribed(JsonElement id, String topic, String kind, String epoch, long seq, boolean resumed) {
        JsonObject m = typed("subscribed", id);
        m.addProperty("topic", topic);
        m.addProperty("kind", kind);
        m.addProperty("epoch", epoch);
        m.addProperty("seq", seq);
        m.addProperty("resumed", resumed);
        return encode(m);
    }

    /** {@code {"type":"unsubscribed","id":..,"topic"}} */
    static ByteBuffer unsubscribed(JsonElement id, String topic) {
        JsonObject m = typed("unsubscribed", id);
        m.addProperty("topic", topic);
        return encode(m);
    }

    /** {@code {"type":"topics","id":..,"epoch","topics":[{"name","kind","seq"}]}} */
    static ByteBuffer topics(JsonElement id, String epoch, List<TopicInfo> topics) {
        JsonObject m = typed("topics", id);
        m.addProperty("epoch", epoch);
        JsonArray list = new JsonArray();
        for (TopicInfo topic : topics) {
            JsonObject item = new JsonObject();
            item.addProperty("name", topic.name());
            item.addProperty("kind", topic.kind().wireName());
            item.addProperty("seq", topic.seq());
            list.add(item);
        }
        m.add("topics", list);
        return encode(m);
    }

    /** {@code {"type":"snapshot"|"update"|"event","topic","seq","timestamp","data"}} */
    static ByteBuffer publication(String type, String topic, long seq, long timestampMillis, JsonObject data) {
        JsonObject m = typed(type, null);
        m.addProperty("topic", topic);
        m.addProperty("seq", seq);
        m.addProperty("timestamp", timestampMillis);
        m.add("data", data);
        return encode(m);
    }

    private static JsonObject typed(String type, JsonElement id) {
        JsonObject m = new JsonObject();
        m.addProperty("type", type);
        if (id != null) {
            m.add("id", id);
        }
        return m;
    }

    private static ByteBuffer encode(JsonObject message) {
        return OutboundJson.utf8(OutboundJson.tree(message));
    }
}
