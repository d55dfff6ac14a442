package io.hydrogen.ws.benchmark.metrics;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the readers received during the measuring phase: messages, bytes, distinct ticks, missed
 * seq numbers and the fan-out latency (receive time minus the message's {@code timestamp}).
 *
 * <p>Messages outside the measuring phase are not counted, but still advance each connection's
 * {@link SeqTracker} so the first measured message is not reported as a gap. Thread-safe: called
 * from every client I/O thread at once, with adders and a wait-free recorder.
 */
public final class DeliveryStats {

    private final Recorder latencyMillis = new Recorder(3);
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder missed = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder unparsable = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final Set<Long> ticks = ConcurrentHashMap.newKeySet();
    private final AtomicLong highestSeq = new AtomicLong(-1);
    private volatile boolean measuring;
    private long startNanos;
    private long stopNanos;
    private Histogram latency;

    /** Records one text message received at {@code nowMillis} on the connection owning {@code seqs}. */
    public void onText(ByteBuffer text, long nowMillis, SeqTracker seqs) {
        if (!StatusFields.isStatus(text)) {
            if (measuring) {
                other.increment();
            }
            return;
        }
        long seq = StatusFields.seq(text);
        long timestamp = StatusFields.timestamp(text);
        if (seq < 0 || timestamp < 0) {
            if (measuring) {
                unparsable.increment();
            }
            return;
        }
        long skipped = seqs.observe(seq);
        if (!measuring) {
            return;
        }
        messages.increment();
        bytes.add(text.remaining());
        if (skipped == SeqTracker.STALE) {
            stale.increment();
        } else {
            missed.add(skipped);
        }
        // Distinct ticks: only a seq above the highest seen so far can be new (saves a set insert per message).
        if (seq > highestSeq.get() && highestSeq.accumulateAndGet(seq, Math::max) == seq) {
            ticks.add(seq);
        }
        // Same wall clock as the server (one machine); clamp in case it stepped backwards.
        latencyMillis.recordValue(Math.max(0, nowMillis - timestamp));
    }

    /** Starts counting; anything recorded before is discarded. */
    public synchronized void startMeasuring() {
        latencyMillis.getIntervalHistogram(); // drop warm-up samples
        startNanos = System.nanoTime();
        measuring = true;
    }

    /** Stops counting and freezes the numbers the getters return. */
    public synchronized void stopMeasuring() {
        measuring = false;
        stopNanos = System.nanoTime();
        latency = latencyMillis.getIntervalHistogram();
    }

    /** @return the measuring phase's length in seconds */
    public synchronized double seconds() {
        return (stopNanos - startNanos) / 1e9;
    }

    /** @return fan-out latency in milliseconds over the measuring phase */
    public synchronized Histogram latency() {
        return latency;
    }

    /** @return status messages received */
    public long messages() {
        return messages.sum();
    }

    /** @return payload bytes of those messages */
    public long bytes() {
        return bytes.sum();
    }

    /** @return seq numbers skipped, summed over connections */
    public long missed() {
        return missed.sum();
    }

    /** @return status messages whose seq was not above the connection's previous one */
    public long stale() {
        return stale.sum();
    }

    /** @return status messages without a readable seq or timestamp */
    public long unparsable() {
        return unparsable.sum();
    }

    /** @return messages that were not status messages */
    public long other() {
        return other.sum();
    }

    /** @return distinct seq numbers received by at least one connection */
    public long distinctTicks() {
        return ticks.size();
    }
}
