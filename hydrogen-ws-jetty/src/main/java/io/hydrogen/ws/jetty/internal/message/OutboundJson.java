package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import io.hydrogen.ws.jetty.internal.topics.StatusSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds every JSON text the server sends: status, replies, broadcasts and the error envelope. Host
 * values arrive here already converted by {@link JsonValues}, the one set of rules for them.
 */
public final class OutboundJson {

    private OutboundJson() {
    }

    /**
     * A status message: the documented fields plus {@code type}, {@code seq} and {@code timestamp}.
     *
     * @param id the request id to echo, or {@code null} for a push
     * @param extra further top-level fields of the library's own (for example the bound port), or an empty map
     */
    public static String status(StatusSnapshot s, JsonElement id, Map<String, ?> extra) {
        return write(w -> {
            w.beginObject();
            w.name("type").value("status");
            writeId(w, id);
            w.name("seq").value(s.seq());
            w.name("timestamp").value(s.timestampMillis());
            w.name("epoch").value(s.epoch());
            w.name("server_start_time").value(s.serverStartTime().toString());
            w.name("active_connections").value(s.activeConnections());
            w.name("total_connections").value(s.totalConnections());
            w.name("total_requests").value(s.totalRequests());
            w.name("system").beginObject()
                    .name("sysname").value(s.uname().sysname())
                    .name("nodename").value(s.uname().nodename())
                    .name("release").value(s.uname().release())
                    .name("version").value(s.uname().version())
                    .name("machine").value(s.uname().machine())
                    .endObject();
            w.name("status").beginObject()
                    .name("running").value(s.running())
                    .name("shutting_down").value(s.shuttingDown())
                    .name("totalThreads").value(s.usage().threads())
                    .name("totalVirtualMemoryBytes").value(s.usage().virtualMemoryBytes())
                    .name("totalResidentMemoryBytes").value(s.usage().residentMemoryBytes())
                    .endObject();
            for (Map.Entry<String, JsonElement> section : s.sections().entrySet()) {
                w.name(section.getKey());
                PlainJson.write(section.getValue(), w);
            }
            for (Map.Entry<String, JsonElement> field : JsonValues.INTERNAL.toJsonObject(extra, "extra").entrySet()) {
                w.name(field.getKey());
                PlainJson.write(field.getValue(), w);
            }
            w.endObject();
        });
    }

    /** An error message on a WebSocket: the envelope plus {@code type} and the request's {@code id}. */
    public static String error(ErrorMessage error, JsonElement id) {
        return write(w -> {
            w.beginObject();
            w.name("type").value("error");
            writeId(w, id);
            writeErrorField(w, error);
            w.endObject();
        });
    }

    /** An HTTP error body: just the documented envelope. */
    public static String httpError(ErrorMessage error) {
        return write(w -> {
            w.beginObject();
            writeErrorField(w, error);
            w.endObject();
        });
    }

    /**
     * The reply to a host handler's message: {@code {"type":"result","id":...,"request":TYPE,"result":...}}.
     */
    public static String result(String requestType, JsonElement id, JsonElement result) {
        return write(w -> {
            w.beginObject();
            w.name("type").value("result");
            writeId(w, id);
            w.name("request").value(requestType);
            w.name("result");
            PlainJson.write(result, w);
            w.endObject();
        });
    }

    /** A host broadcast: {@code {"type":TYPE,"data":DATA}}. */
    public static String broadcast(String type, JsonElement data) {
        return write(w -> {
            w.beginObject();
            w.name("type").value(type);
            w.name("data");
            PlainJson.write(data, w);
            w.endObject();
        });
    }

    /** The answer to an in-band {@code auth}: {@code {"type":"auth_ok","id":ID,"scope":SCOPE}}. */
    public static String authOk(JsonElement id, String scope) {
        return write(w -> {
            w.beginObject();
            w.name("type").value("auth_ok");
            writeId(w, id);
            w.name("scope").value(scope);
            w.endObject();
        });
    }

    /** A reply that carries nothing but its type and the request's {@code id}, like {@code pong}. */
    public static String reply(String type, JsonElement id) {
        return write(w -> {
            w.beginObject();
            w.name("type").value(type);
            writeId(w, id);
            w.endObject();
        });
    }

    /** @return {@code json} encoded once as UTF-8, ready to be shared by many sends */
    public static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeErrorField(JsonWriter w, ErrorMessage error) throws IOException {
        w.name("error").beginObject();
        w.name("code").value(error.code());
        w.name("message").value(error.message());
        w.name("details");
        PlainJson.write(error.details(), w);
        w.endObject();
    }

    private static void writeId(JsonWriter w, JsonElement id) throws IOException {
        if (id == null) {
            return;
        }
        JsonPrimitive primitive = id.getAsJsonPrimitive();
        w.name("id");
        if (primitive.isNumber()) {
            w.value(primitive.getAsNumber()); // keeps the client's spelling of the number
        } else {
            w.value(primitive.getAsString());
        }
    }

    /**
     * A message built as a JSON tree (the topic messages), written by the same writer as every
     * other message.
     */
    public static String tree(JsonElement message) {
        return write(w -> PlainJson.write(message, w));
    }

    @FunctionalInterface
    private interface JsonBody {
        void writeTo(JsonWriter writer) throws IOException;
    }

    private static String write(JsonBody body) {
        StringWriter out = new StringWriter(256);
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setHtmlSafe(false);
            body.writeTo(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString();
    }
}
