package io.hydrogen.ws.jetty.internal.dispatch;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.PlainJson;
import io.hydrogen.ws.jetty.internal.message.UnserialisableValueException;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts a host's {@link MessageHandler}: plain Java in, a {@code result} reply or an error out,
 * correlated by {@code id}; results that arrive later through a {@link CompletionStage} too.
 */
final class HostHandlerRoute implements Route {

    private static final Logger LOG = LoggerFactory.getLogger(HostHandlerRoute.class);

    private record Request(String type, Map<String, Object> payload, ConnectionInfo connection)
            implements MessageRequest {
    }

    private final MessageHandler handler;
    private final JsonValues json;

    HostHandlerRoute(MessageHandler handler, JsonValues json) {
        this.handler = handler;
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handle(InboundMessage message, MessageContext context) {
        Map<String, Object> payload = (Map<String, Object>) PlainJson.toJava(message.body());
        Object result;
        try {
            result = handler.handle(new Request(message.type(), payload, context.connection()));
        } catch (MessageException e) {
            replyHostError(message, context, e);
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure == null) {
                    replyResult(message, context, value);
                } else {
                    replyFailure(message, context, failure);
                }
            });
        } else {
            replyResult(message, context, result);
        }
    }

    private void replyResult(InboundMessage message, MessageContext context, Object value) {
        JsonElement result;
        try {
            result = json.toJson(value, "result");
        } catch (UnserialisableValueException e) {
            unsendable(message, context, e);
            return;
        } catch (RuntimeException e) {
            LOG.warn("The result of message type '{}' could not be converted to JSON", message.type(), e);
            context.replyError(MessageDispatcher.serverError(), message.id());
            return;
        }
        context.reply(OutboundJson.result(message.type(), message.id(), result));
    }

    private void replyHostError(InboundMessage message, MessageContext context, MessageException e) {
        ErrorMessage error;
        try {
            error = ErrorMessage.fromHost(e, json);
        } catch (UnserialisableValueException unsendable) {
            unsendable(message, context, unsendable);
            return;
        }
        context.replyError(error, message.id());
    }

    private static void unsendable(InboundMessage message, MessageContext context, UnserialisableValueException e) {
        // The message names the part and what to return instead; a stack trace would add nothing.
        LOG.warn("Handler for message type '{}' answered with a value that cannot be sent as JSON, so the client "
                + "got server_error: {}", message.type(), e.getMessage());
        context.replyError(MessageDispatcher.serverError(), message.id());
    }

    private void replyFailure(InboundMessage message, MessageContext context, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof MessageException e) {
            replyHostError(message, context, e);
        } else {
            LOG.warn("Handler for message type '{}' failed for client {}", message.type(),
                    context.connection().remoteAddress(), cause);
            context.replyError(MessageDispatcher.serverError(), message.id());
        }
    }
}
