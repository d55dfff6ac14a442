package io.hydrogen.ws.jetty.internal.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.InvalidMessageException;
import io.hydrogen.ws.jetty.internal.message.MessageParser;

/**
 * Checks the first message of a connection that is pending in-band authentication: it must be
 * {@code {"type":"auth","key":"..."}} with a valid key.
 */
public final class InBandAuthMessage {

    /** The message type that carries the key. */
    public static final String TYPE = "auth";

    /**
     * The verdict on a first message.
     *
     * @param accepted whether the key was valid
     * @param id the request id to echo, or {@code null}
     * @param reason why it was refused, or {@code null}
     */
    public record Verdict(boolean accepted, JsonElement id, String reason) {
    }

    private InBandAuthMessage() {
    }

    /** @return the verdict on {@code text}, the connection's first message */
    public static Verdict check(String text, KeyAuthenticator authenticator) {
        InboundMessage message;
        try {
            message = MessageParser.parse(text);
        } catch (InvalidMessageException e) {
            return new Verdict(false, e.id(), "expected an auth message first: " + e.getMessage());
        }
        if (!TYPE.equals(message.type())) {
            return new Verdict(false, message.id(), "expected an auth message first");
        }
        JsonElement key = message.body().get("key");
        if (key == null || !key.isJsonPrimitive() || !((JsonPrimitive) key).isString()) {
            return new Verdict(false, message.id(), "'key' must be a string");
        }
        boolean valid = authenticator.authenticateKey(key.getAsString());
        return new Verdict(valid, message.id(), valid ? null : "invalid key");
    }
}
