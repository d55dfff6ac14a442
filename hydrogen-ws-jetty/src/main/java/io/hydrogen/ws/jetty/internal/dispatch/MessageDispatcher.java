package io.hydrogen.ws.jetty.internal.dispatch;

import io.hydrogen.ws.jetty.internal.auth.InBandAuthMessage;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.InvalidMessageException;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.MessageParser;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.jetty.internal.topics.TopicEngine;
import io.hydrogen.ws.spi.MessageHandler;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the text messages of authenticated connections by {@code type}, and turns every failure
 * into the documented error reply. Immutable and thread-safe.
 */
public final class MessageDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

    private final Map<String, Route> routes;

    private MessageDispatcher(Map<String, Route> routes) {
        this.routes = Map.copyOf(routes);
    }

    /**
     * Returns a dispatcher for the built-in types ({@code status}, {@code ping}, {@code auth}, the
     * topic messages) and the host's handlers, whose results and error details {@code json} converts.
     *
     * @throws IllegalArgumentException if a host handler would replace a built-in type
     */
    public static MessageDispatcher create(StatusTopic status, TopicEngine topics,
            Map<String, MessageHandler> hostHandlers, JsonValues json) {
        TopicRoutes topicRoutes = new TopicRoutes(topics);
        Map<String, Route> routes = new HashMap<>(Map.of(
                "subscribe", topicRoutes::subscribe,
                "unsubscribe", topicRoutes::unsubscribe,
                "topics", topicRoutes::list,
                "status", (message, context) -> context.reply(status.reply(message.id())),
                "ping", (message, context) -> context.reply(OutboundJson.reply("pong", message.id())),
                InBandAuthMessage.TYPE, (message, context) -> context.replyError(ErrorMessage.withReason(
                        ErrorCode.INVALID_MESSAGE, "Invalid message", "already authenticated"), message.id())));
        hostHandlers.forEach((type, handler) -> {
            if (routes.putIfAbsent(type, new HostHandlerRoute(handler, json)) != null) {
                throw new IllegalArgumentException("message type '" + type + "' is built in and cannot be replaced");
            }
        });
        return new MessageDispatcher(routes);
    }

    /**
     * Parses, validates and handles one complete text message. Never throws.
     *
     * @return the message's type if it was valid and routed, else {@code null}
     */
    public String dispatch(String text, MessageContext context) {
        InboundMessage message;
        try {
            message = MessageParser.parse(text);
        } catch (InvalidMessageException e) {
            context.replyError(invalid(e.getMessage()), e.id());
            return null;
        }
        Route route = routes.get(message.type());
        if (route == null) {
            context.replyError(ErrorMessage.of(ErrorCode.INVALID_MESSAGE, "Invalid message", Map.of(
                    "reason", "unknown type", "type", MessageParser.truncateForEcho(message.type()))), message.id());
            return null;
        }
        try {
            route.handle(message, context);
        } catch (RuntimeException e) {
            LOG.warn("Handler for message type '{}' failed for client {}", message.type(),
                    context.connection().remoteAddress(), e);
            context.replyError(serverError(), message.id());
        }
        return message.type();
    }

    /** @return an {@code invalid_message} error with {@code reason} in its details */
    public static ErrorMessage invalid(String reason) {
        return ErrorMessage.withReason(ErrorCode.INVALID_MESSAGE, "Invalid message", reason);
    }

    /** @return the {@code server_error} every internal failure yields; it reveals nothing */
    static ErrorMessage serverError() {
        return ErrorMessage.withReason(ErrorCode.SERVER_ERROR, "Internal server error",
                "the server failed while handling the message");
    }
}
