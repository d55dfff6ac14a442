package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A validated client message: a JSON object with a string {@code type}.
 *
 * @param type the message type
 * @param id the request id to echo (a JSON string or number), or {@code null}
 * @param body the whole message
 */
public record InboundMessage(String type, JsonElement id, JsonObject body) {
}
