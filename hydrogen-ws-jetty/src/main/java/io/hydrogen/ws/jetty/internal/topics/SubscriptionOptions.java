package io.hydrogen.ws.jetty.internal.topics;

import java.util.List;

/**
 * The options that decide what a state subscription receives. Subscriptions with equal options
 * form one group and share every computed, encoded patch while they are in step.
 *
 * @param minIntervalMillis at most one update per this many milliseconds (0: every publication)
 * @param deadband the numeric deadband (0: every change)
 * @param fields the top-level members, or {@code null} for all
 */
record SubscriptionOptions(long minIntervalMillis, double deadband, List<String> fields) {
}
