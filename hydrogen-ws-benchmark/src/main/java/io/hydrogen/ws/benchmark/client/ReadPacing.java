package io.hydrogen.ws.benchmark.client;

import java.time.Duration;

/**
 * When the reader thread's next select round may start. Unpaced (interval 0), at once: a
 * connection is read as soon as a frame arrives, so under load nearly every {@code read()} returns
 * one frame, and on loopback the kernel's receive path (a wake-up, an epoll round and a read per
 * frame) costs the generator more than parsing does. Paced with an interval P, a round starts at
 * least P after the previous one started: meanwhile each connection's frames pile up in its socket
 * and the next round takes them all with one {@code read()}.
 *
 * <p>The price is latency: a frame that arrives just after a round looked at its connection waits up
 * to P longer than unpaced before it is read, so every latency figure reads up to P higher. For
 * throughput runs (S4) only. Not thread-safe: the reader thread's own.
 */
final class ReadPacing {

    /** The largest interval allowed: beyond it latency figures would mean little even as a bound. */
    static final int MAX_INTERVAL_MILLIS = 100;

    private final long intervalNanos;
    private boolean started;
    private long nextRoundNanos;

    /**
     * @param interval the least time from one round's start to the next one's; zero for none
     * @throws IllegalArgumentException if negative or above {@link #MAX_INTERVAL_MILLIS}
     */
    ReadPacing(Duration interval) {
        if (interval.isNegative() || interval.compareTo(Duration.ofMillis(MAX_INTERVAL_MILLIS)) > 0) {
            throw new IllegalArgumentException("the read interval must be 0.." + MAX_INTERVAL_MILLIS
                    + " ms, was " + interval.toMillis() + " ms");
        }
        this.intervalNanos = interval.toNanos();
    }

    /** @return how long to wait, at {@code nowNanos} ({@link System#nanoTime()}), before the next round may start; 0 for at once */
    long waitNanos(long nowNanos) {
        if (intervalNanos == 0 || !started) {
            return 0;
        }
        return Math.max(0, nextRoundNanos - nowNanos);
    }

    /** Marks that a round started at {@code nowNanos}: the next one may start an interval later. */
    void roundStarted(long nowNanos) {
        started = true;
        nextRoundNanos = nowNanos + intervalNanos;
    }
}
