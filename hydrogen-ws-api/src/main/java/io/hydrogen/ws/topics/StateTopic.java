package io.hydrogen.ws.topics;

import java.util.Map;

/**
 * A state topic: one JSON object whose latest value is what matters. Publishing never blocks and
 * costs the caller the same whatever the number of subscribers: the value is converted once on the
 * caller's thread, and fan-out (deltas, rates, deadbands) happens on the endpoint's own thread.
 * Thread-safe.
 *
 * @param <T> the type of value the host publishes: a typed record for the built-in topics, any
 *     plain Java value that serialises to a JSON object for the host's own
 */
public interface StateTopic<T> {

    /** @return the topic's name */
    String name();

    /**
     * Replaces the topic's value.
     *
     * @param value the new value; it must serialise to a JSON object (plain Java: a map, a record,
     *     an object with fields), following the rules of status sections
     * @return the publication's sequence number
     * @throws IllegalArgumentException if the value is {@code null} or does not serialise to a JSON object
     * @throws IllegalStateException if the endpoint is not running
     */
    long publish(T value);

    /**
     * Changes part of the topic's value: {@code partial} is applied as an RFC 7386 merge patch (a
     * member set to {@code null} is removed; nested objects are merged).
     *
     * @param partial the members to change
     * @return the publication's sequence number
     * @throws IllegalArgumentException if {@code partial} is {@code null} or cannot be serialised
     * @throws IllegalStateException if the endpoint is not running
     */
    long update(Map<String, ?> partial);

    /** @return the sequence number of the latest publication (0 before the first) */
    long seq();
}
