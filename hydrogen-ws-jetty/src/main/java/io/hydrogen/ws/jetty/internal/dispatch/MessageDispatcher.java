package io.hydrogen.ws.jetty.internal.dispatch;

import io.hydrogen.ws.EndpointConfig;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.auth.InBandAuthMessage;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.InvalidMessageException;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.message.MessageParser;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.topics.StatusTopic;
import io.hydrogen.ws.jetty.internal.topics.TopicEngine;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the text messages of authenticated connections by {@code type}, and turns every failure
 * into the documented error reply. Immutable and thread-safe.
 */
public final class MessageDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

    /** A route and what a connection needs to take it. */
    private record Entry(Route route, Scope required, boolean needsLease, boolean audited) {
    }

    private final Map<String, Entry> routes;
    private final ControlLeaseImpl lease;
    private final CommandAudit audit;

    private MessageDispatcher(Map<String, Entry> routes, ControlLeaseImpl lease, CommandAudit audit) {
        this.routes = Map.copyOf(routes);
        this.lease = lease;
        this.audit = audit;
    }

    /**
     * Returns a dispatcher for the built-in types ({@code status}, {@code ping}, {@code auth}, the
     * topic and control messages) and the host's handlers and commands, whose results and error
     * details {@code json} converts.
     *
     * @throws IllegalArgumentException if a host handler would replace a built-in type
     */
    public static MessageDispatcher create(StatusTopic status, TopicEngine topics, ControlLeaseImpl lease,
            EndpointConfig endpoint, JsonValues json, Events events) {
        TopicRoutes topicRoutes = new TopicRoutes(topics);
        ControlRoutes controlRoutes = new ControlRoutes(lease);
        CommandAudit audit = new CommandAudit(events);
        Map<String, Entry> routes = new HashMap<>();
        routes.put("subscribe", builtIn(topicRoutes::subscribe, Scope.MONITOR));
        routes.put("unsubscribe", builtIn(topicRoutes::unsubscribe, Scope.MONITOR));
        routes.put("topics", builtIn(topicRoutes::list, Scope.MONITOR));
        routes.put("status", builtIn((message, context) -> context.reply(status.reply(message.id())), Scope.MONITOR));
        routes.put("ping", builtIn((message, context) -> context.reply(OutboundJson.reply("pong", message.id())),
                Scope.MONITOR));
        routes.put(InBandAuthMessage.TYPE, builtIn((message, context) -> context.replyError(ErrorMessage.withReason(
                ErrorCode.INVALID_MESSAGE, "Invalid message", "already authenticated"), message.id()), Scope.MONITOR));
        routes.put("control.acquire", builtIn(controlRoutes::acquire, Scope.CONTROL));
        routes.put("control.release", builtIn(controlRoutes::release, Scope.CONTROL));
        endpoint.messageHandlers().forEach((type, handler) -> add(routes, type,
                new Entry(new HostHandlerRoute(handler, json, audit, false), Scope.MONITOR, false, true)));
        endpoint.commands().forEach((type, handler) -> add(routes, type,
                new Entry(new HostHandlerRoute(handler, json, audit, true), Scope.CONTROL, true, true)));
        return new MessageDispatcher(routes, lease, audit);
    }

    private static Entry builtIn(Route route, Scope required) {
        return new Entry(route, required, false, false);
    }

    private static void add(Map<String, Entry> routes, String type, Entry entry) {
        if (routes.putIfAbsent(type, entry) != null) {
            throw new IllegalArgumentException("message type '" + type + "' is built in and cannot be replaced");
        }
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
        Entry entry = routes.get(message.type());
        if (entry == null) {
            context.replyError(ErrorMessage.of(ErrorCode.INVALID_MESSAGE, "Invalid message", Map.of(
                    "reason", "unknown type", "type", MessageParser.truncateForEcho(message.type()))), message.id());
            return null;
        }
        ErrorMessage refusal = refusal(message.type(), entry, context.connection());
        if (refusal != null) {
            context.replyError(refusal, message.id());
            if (entry.audited()) {
                audit.handled(context.connection(), message.type(), entry.needsLease(), refusal.code());
            }
            return message.type();
        }
        try {
            entry.route().handle(message, context);
        } catch (RuntimeException e) {
            LOG.warn("Handler for message type '{}' failed for client {}", message.type(),
                    context.connection().remoteAddress(), e);
            context.replyError(serverError(), message.id());
        }
        return message.type();
    }

    /** @return why {@code connection} may not send this message now, or {@code null} if it may */
    private ErrorMessage refusal(String type, Entry entry, ConnectionInfo connection) {
        if (!connection.scope().includes(entry.required())) {
            return ErrorMessage.of(ErrorCode.FORBIDDEN, "This key may not do that", Map.of(
                    "required", entry.required().wireName(), "command", type));
        }
        if (entry.needsLease() && !lease.isHeldBy(connection.id())) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("holder", ControlLeaseImpl.toWire(lease.holder().orElse(null)));
            details.put("command", type);
            return ErrorMessage.of(ErrorCode.CONTROL_REQUIRED, "Acquire the control lease first", details);
        }
        return null;
    }

    /** @return an {@code invalid_message} error with {@code reason} in its details */
    public static ErrorMessage invalid(String reason) {
        return ErrorMessage.withReason(ErrorCode.INVALID_MESSAGE, "Invalid message", reason);
    }

    /** @return an {@code invalid_message} error with {@code reason} and the offending {@code field} in its details */
    static ErrorMessage invalid(String reason, String field) {
        return ErrorMessage.of(ErrorCode.INVALID_MESSAGE, "Invalid message", Map.of("reason", reason, "field", field));
    }

    /** @return the {@code server_error} every internal failure yields; it reveals nothing */
    static ErrorMessage serverError() {
        return ErrorMessage.withReason(ErrorCode.SERVER_ERROR, "Internal server error",
                "the server failed while handling the message");
    }
}
