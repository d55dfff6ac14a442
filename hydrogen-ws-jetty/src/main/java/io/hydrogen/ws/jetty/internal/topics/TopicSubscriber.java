package io.hydrogen.ws.jetty.internal.topics;

import io.hydrogen.ws.spi.ConnectionInfo;
import java.nio.ByteBuffer;

/**
 * What the topic engine needs of a connection. Implemented by the connection; every method is
 * thread-safe and never blocks.
 */
public interface TopicSubscriber {

    /** @return what hosts see of the connection, for events */
    ConnectionInfo view();

    /** @return whether the connection is open and authenticated (pushes may be queued) */
    boolean isOpen();

    /** Queues an encoded message (shared buffer) behind what is queued; never conflated. */
    void send(ByteBuffer message);

    /**
     * Queues a state topic update that a newer one may replace while it waits.
     *
     * @return a handle for {@link #replaceUpdate(Object, ByteBuffer)}, or {@code null} if nothing
     *     was queued (the connection is closing)
     */
    Object sendUpdate(ByteBuffer update);

    /**
     * @return whether a queued update is still waiting (not yet being written): worth replacing.
     *     For a client that keeps up it seldom is, and the update need not be recomputed for it.
     */
    boolean updateWaiting(Object handle);

    /**
     * Replaces a queued update that is still waiting.
     *
     * @return {@code false} if it is no longer waiting
     */
    boolean replaceUpdate(Object handle, ByteBuffer update);

    /**
     * @return whether one more message of a backlog fed bit by bit (an event replay) may be queued
     *     now without coming near the queue's bounds
     */
    boolean hasRoomForFeed();

    /** Calls {@code action} once, when the connection's queue is next empty (at once if it is). */
    void whenDrained(Runnable action);

    /**
     * Closes the connection with 1013 because it fell so far behind an event topic that events it
     * has not received left the replay window; it may resume (and learn that it missed events).
     */
    void closeBehind(String topic);

    /**
     * Sets the connection's pace of status pushes.
     *
     * @param subscribed whether it receives status pushes at all
     * @param everyNthTick 1 for every tick, n to receive every n-th tick only
     */
    void statusPace(boolean subscribed, long everyNthTick);
}
