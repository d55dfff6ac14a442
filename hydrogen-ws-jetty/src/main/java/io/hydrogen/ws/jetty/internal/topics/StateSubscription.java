package io.hydrogen.ws.jetty.internal.topics;

import com.google.gson.JsonObject;

/**
 * One connection's subscription to a state topic, and what that connection holds. Engine thread only.
 */
final class StateSubscription {

    final TopicSubscriber subscriber;
    final HostStateTopic<?> topic;
    final StateGroup group;
    /** What the client holds once everything queued for it is written. */
    JsonObject base;
    /** The update still waiting in the connection's queue, or {@code null}. */
    Object pendingUpdate;
    /** What the client held before that waiting update. */
    JsonObject pendingBase;

    StateSubscription(TopicSubscriber subscriber, HostStateTopic<?> topic, StateGroup group, JsonObject base) {
        this.subscriber = subscriber;
        this.topic = topic;
        this.group = group;
        this.base = base;
    }
}
