package io.hydrogen.ws.jetty.internal.topics;

import java.nio.ByteBuffer;

/**
 * The latest events of one event topic, encoded once, shared by every connection that replays or
 * receives them: at most {@code maxEvents}, none older than {@code maxAgeNanos}. Not thread-safe:
 * its topic guards it.
 */
final class ReplayWindow {

    /** One event: its sequence number and its encoded message. */
    record Entry(long seq, long addedNanos, ByteBuffer message) {
    }

    private final Entry[] ring;
    private final long maxAgeNanos;
    private int head;  // index of the oldest entry
    private int size;

    ReplayWindow(int maxEvents, long maxAgeNanos) {
        this.ring = new Entry[maxEvents];
        this.maxAgeNanos = maxAgeNanos;
    }

    /** Adds the next event; its seq must be one more than the last one's. */
    void add(Entry entry) {
        if (size == ring.length) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
        ring[(head + size) % ring.length] = entry;
        size++;
    }

    /** @return the event with sequence number {@code seq}, or {@code null} if it is not (or no longer) kept */
    Entry get(long seq, long nowNanos) {
        expire(nowNanos);
        if (size == 0) {
            return null;
        }
        long first = ring[head].seq();
        if (seq < first || seq >= first + size) {
            return null;
        }
        return ring[(int) ((head + (seq - first)) % ring.length)];
    }

    /** @return whether every event after {@code seq} up to the latest is still kept (or there is none) */
    boolean holdsAfter(long seq, long latestSeq, long nowNanos) {
        return seq >= latestSeq || get(seq + 1, nowNanos) != null;
    }

    private void expire(long nowNanos) {
        while (size > 0 && nowNanos - ring[head].addedNanos() > maxAgeNanos) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
    }
}
