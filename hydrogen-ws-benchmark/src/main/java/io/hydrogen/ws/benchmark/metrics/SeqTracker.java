package io.hydrogen.ws.benchmark.metrics;

/**
 * One connection's view of the server-wide {@code seq}: how many ticks it missed between two
 * messages. Not thread-safe: Jetty delivers one connection's messages one at a time.
 */
public final class SeqTracker {

    /** Returned by {@link #observe} for a seq not above the last one (a duplicate or a reply). */
    public static final long STALE = -1;

    private long last = -1;

    /**
     * Records {@code seq}.
     *
     * @return the number of seq values skipped since the previous message (0 for the first message
     *     or a consecutive one), or {@link #STALE} if {@code seq} is not above the previous one
     */
    public long observe(long seq) {
        long previous = last;
        if (previous >= 0 && seq <= previous) {
            return STALE;
        }
        last = seq;
        return previous < 0 ? 0 : seq - previous - 1;
    }
}
