package io.hydrogen.ws.jetty.internal.auth;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.InvalidMessageException;
import io.hydrogen.ws.jetty.internal.message.MessageParser;

/**
 * Checks the first message of a connection that is pending in-band authentication: it must be
 * {@code {"type":"auth","key":"..."}} with a key the authenticators accept.
 */
public final class InBandAuthMessage {

    /** The message type that carries the key. */
    public static final String TYPE = "auth";

    /**
     * The verdict on a first message.
     *
     * @param verdict the authenticators' verdict (a rejection if the message itself was wrong)
     * @param id the request id to echo, or {@code null}
     */
    public record Result(AuthChain.Verdict verdict, JsonElement id) {
    }

    private InBandAuthMessage() {
    }

    /** @return the verdict on {@code text}, the connection's first message */
    public static Result check(String text, AuthChain chain, HandshakeRequest handshake) {
        InboundMessage message;
        try {
            message = MessageParser.parse(text);
        } catch (InvalidMessageException e) {
            return rejected("expected an auth message first: " + e.getMessage(), e.id());
        }
        if (!TYPE.equals(message.type())) {
            return rejected("expected an auth message first", message.id());
        }
        JsonElement key = message.body().get("key");
        if (key == null || !key.isJsonPrimitive() || !((JsonPrimitive) key).isString()) {
            return rejected("'key' must be a string", message.id());
        }
        return new Result(chain.inBand(key.getAsString(), handshake), message.id());
    }

    private static Result rejected(String reason, JsonElement id) {
        return new Result(new AuthChain.Verdict(AuthDecision.reject(reason), null), id);
    }
}
