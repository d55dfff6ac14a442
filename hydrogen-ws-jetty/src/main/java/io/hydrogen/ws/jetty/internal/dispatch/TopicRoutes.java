package io.hydrogen.ws.jetty.internal.dispatch;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.InboundMessage;
import io.hydrogen.ws.jetty.internal.message.MessageParser;
import io.hydrogen.ws.jetty.internal.topics.SubscribeRequest;
import io.hydrogen.ws.jetty.internal.topics.TopicEngine;
import io.hydrogen.ws.topics.TopicKind;
import java.util.Map;

/**
 * The topic messages of protocol v0.2: {@code subscribe}, {@code unsubscribe} and {@code topics}.
 * Validates on the connection's thread (errors are answered at once) and hands the rest to the
 * topic engine, which answers in order with the snapshots, updates and events it queues.
 */
final class TopicRoutes {

    private final TopicEngine topics;

    TopicRoutes(TopicEngine topics) {
        this.topics = topics;
    }

    void subscribe(InboundMessage message, MessageContext context) {
        String topic = topicName(message, context);
        if (topic == null) {
            return;
        }
        TopicKind kind = topics.kindOf(topic);
        if (kind == null) {
            unknown(topic, message, context);
            return;
        }
        try {
            topics.subscribe(context.subscriber(), SubscribeRequest.parse(topic, kind, message.body()), message.id());
        } catch (SubscribeRequest.InvalidOption e) {
            context.replyError(MessageDispatcher.invalid(e.getMessage(), e.field()), message.id());
        }
    }

    void unsubscribe(InboundMessage message, MessageContext context) {
        String topic = topicName(message, context);
        if (topic == null) {
            return;
        }
        if (topics.kindOf(topic) == null) {
            unknown(topic, message, context);
            return;
        }
        topics.unsubscribe(context.subscriber(), topic, message.id());
    }

    void list(InboundMessage message, MessageContext context) {
        topics.listTopics(context.subscriber(), message.id());
    }

    /** @return the message's {@code topic}, or {@code null} after answering that it is missing */
    private static String topicName(InboundMessage message, MessageContext context) {
        JsonElement topic = message.body().get("topic");
        if (topic == null || !topic.isJsonPrimitive() || !((JsonPrimitive) topic).isString()) {
            context.replyError(MessageDispatcher.invalid("'topic' must be a string", "topic"), message.id());
            return null;
        }
        return topic.getAsString();
    }

    private static void unknown(String topic, InboundMessage message, MessageContext context) {
        context.replyError(ErrorMessage.of(ErrorCode.UNKNOWN_TOPIC, "No such topic",
                Map.of("topic", MessageParser.truncateForEcho(topic))), message.id());
    }
}
