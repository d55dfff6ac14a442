package io.hydrogen.ws.topics;

/**
 * An event topic: a stream in which every item matters. Events are never conflated or dropped
 * silently; the latest ones are kept in a replay window so that a client that reconnects gets
 * exactly what it missed. Emitting never blocks and costs the caller the same whatever the number
 * of subscribers (the event is encoded once, on the caller's thread). Thread-safe.
 *
 * @param <T> the type of event the host emits: {@link Notification} for the built-in topic, any
 *     plain Java value that serialises to a JSON object for the host's own
 */
public interface EventTopic<T> {

    /** @return the topic's name */
    String name();

    /**
     * Emits one event to every subscriber and into the replay window.
     *
     * @param event the event; it must serialise to a JSON object
     * @return the event's sequence number
     * @throws IllegalArgumentException if the event is {@code null} or does not serialise to a JSON object
     * @throws IllegalStateException if the endpoint is not running
     */
    long emit(T event);

    /** @return the sequence number of the latest event (0 before the first) */
    long seq();
}
