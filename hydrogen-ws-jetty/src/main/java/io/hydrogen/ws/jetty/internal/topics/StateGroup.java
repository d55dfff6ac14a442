package io.hydrogen.ws.jetty.internal.topics;

import java.util.ArrayList;
import java.util.List;

/** The subscriptions of one state topic with equal options. Engine thread only. */
final class StateGroup {

    final SubscriptionOptions options;
    final List<StateSubscription> subscriptions = new ArrayList<>();
    /** A publication arrived that the group's rate held back. */
    boolean dirty;
    /** A flush of the group is scheduled. */
    boolean flushScheduled;

    StateGroup(SubscriptionOptions options) {
        this.options = options;
    }
}
