package io.hydrogen.ws.jetty.internal.topics;

/** One connection's subscription to an event topic: the next event it is owed. Engine thread only. */
final class EventSubscription {

    final TopicSubscriber subscriber;
    final HostEventTopic<?> topic;
    /** The sequence number of the next event to queue for this connection. */
    long cursor;

    EventSubscription(TopicSubscriber subscriber, HostEventTopic<?> topic, long cursor) {
        this.subscriber = subscriber;
        this.topic = topic;
        this.cursor = cursor;
    }
}
