package io.hydrogen.ws.jetty.internal.dispatch;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code control.acquire} and {@code control.release}: the client's side of the control lease.
 * Both answer with a {@code result} whose {@code holder} is the lease's holder afterwards.
 */
final class ControlRoutes {

    /** The longest client name kept, in characters (code points); longer ones are cut, as a label needs no more. */
    private static final int MAX_CLIENT_NAME = 64;

    private final ControlLeaseImpl lease;

    ControlRoutes(ControlLeaseImpl lease) {
        this.lease = lease;
    }

    void acquire(InboundMessage message, MessageContext context) {
        JsonElement client = message.body().get("client");
        JsonElement force = message.body().get("force");
        if (client != null && !client.isJsonNull()
                && !(client.isJsonPrimitive() && ((JsonPrimitive) client).isString())) {
            context.replyError(MessageDispatcher.invalid("'client' must be a string", "client"), message.id());
            return;
        }
        if (force != null && !force.isJsonNull() && !(force.isJsonPrimitive() && ((JsonPrimitive) force).isBoolean())) {
            context.replyError(MessageDispatcher.invalid("'force' must be true or false", "force"), message.id());
            return;
        }
        String name = client == null || client.isJsonNull() ? null : client.getAsString();
        if (name != null && name.codePointCount(0, name.length()) > MAX_CLIENT_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_CLIENT_NAME)); // never half a character
        }
        boolean forced = force != null && !force.isJsonNull() && force.getAsBoolean();
        answer(message, context, lease.acquire(context.connection(), name, forced));
    }

    void release(InboundMessage message, MessageContext context) {
        answer(message, context, lease.release(context.connection()));
    }

    private static void answer(InboundMessage message, MessageContext context, ControlLeaseImpl.Outcome outcome) {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("holder", ControlLeaseImpl.toWire(outcome.holder()));
        if (outcome.refusal() == null) {
            context.reply(OutboundJson.result(message.type(), message.id(),
                    JsonValues.INTERNAL.toJson(holder, "result")));
        } else if (outcome.refusal() == ControlLeaseImpl.Refusal.HELD) {
            context.replyError(ErrorMessage.of(ErrorCode.CONTROL_HELD, "Another client holds the control lease",
                    holder), message.id());
        } else {
            context.replyError(ErrorMessage.of(ErrorCode.CONTROL_NOT_HELD, "This connection does not hold the "
                    + "control lease", holder), message.id());
        }
    }
}
