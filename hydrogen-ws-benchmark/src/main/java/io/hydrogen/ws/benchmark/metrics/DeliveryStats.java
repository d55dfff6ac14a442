package io.hydrogen.ws.benchmark.metrics;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the readers received during the measuring phase: messages, bytes, distinct ticks, missed
 * seq numbers and the fan-out latency (receive time minus the message's {@code timestamp}). Which
 * messages count is a {@link MeasuredMessages} (status pushes unless told otherwise).
 *
 * <p>A run whose readers differ (topic subscribers with and without options) records each kind of
 * reader into a {@link #group() group}: a group counts its own readers' messages and adds them to
 * its parent's totals, and starts and stops measuring with its parent.
 *
 * <p>Messages outside the measuring phase are not counted, but still advance each connection's
 * {@link SeqTracker} so the first measured message is not reported as a gap. Thread-safe: called
 * from every client I/O thread at once, with adders and a wait-free recorder.
 */
public final class DeliveryStats {

    private final MeasuredMessages measured;
    private final DeliveryStats parent;
    private final List<DeliveryStats> groups = new CopyOnWriteArrayList<>();

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

    /** Measures status pushes. */
    public DeliveryStats() {
        this(MeasuredMessages.status(), null);
    }

    /** Measures the messages {@code measured} recognises. */
    public DeliveryStats(MeasuredMessages measured) {
        this(measured, null);
    }

    private DeliveryStats(MeasuredMessages measured, DeliveryStats parent) {
        this.measured = measured;
        this.parent = parent;
    }

    /** @return a new group of readers whose messages also count here; it measures while this does */
    public DeliveryStats group() {
        DeliveryStats group = new DeliveryStats(measured, this);
        groups.add(group);
        return group;
    }

    /** Records one text message received at {@code nowMillis} on the connection owning {@code seqs}. */
    public void onText(ByteBuffer text, long nowMillis, SeqTracker seqs) {
        if (!measured.matches(text)) {
            countOther();
            return;
        }
        // The seq and timestamp members have the same form in status pushes and topic messages.
        long seq = StatusFields.seq(text);
        long timestamp = StatusFields.timestamp(text);
        if (seq < 0 || timestamp < 0) {
            countUnparsable();
            return;
        }
        record(seq, timestamp, text.remaining(), seqs.observe(seq), nowMillis);
    }

    private void countOther() {
        if (measuring) {
            other.increment();
        }
        if (parent != null) {
            parent.countOther();
        }
    }

    private void countUnparsable() {
        if (measuring) {
            unparsable.increment();
        }
        if (parent != null) {
            parent.countUnparsable();
        }
    }

    private void record(long seq, long timestamp, int length, long skipped, long nowMillis) {
        if (parent != null) {
            parent.record(seq, timestamp, length, skipped, nowMillis);
        }
        if (!measuring) {
            return;
        }
        messages.increment();
        bytes.add(length);
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
        groups.forEach(DeliveryStats::startMeasuring);
    }

    /** Stops counting and freezes the numbers the getters return. */
    public synchronized void stopMeasuring() {
        measuring = false;
        stopNanos = System.nanoTime();
        latency = latencyMillis.getIntervalHistogram();
        groups.forEach(DeliveryStats::stopMeasuring);
    }

    /** @return the measuring phase's length in seconds */
    public synchronized double seconds() {
        return (stopNanos - startNanos) / 1e9;
    }

    /** @return fan-out latency in milliseconds over the measuring phase */
    public synchronized Histogram latency() {
        return latency;
    }

    /** @return what this counts */
    public MeasuredMessages measured() {
        return measured;
    }

    /** @return measured messages received */
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

    /** @return measured messages whose seq was not above the connection's previous one */
    public long stale() {
        return stale.sum();
    }

    /** @return measured messages without a readable seq or timestamp */
    public long unparsable() {
        return unparsable.sum();
    }

    /** @return messages that were not measured ones */
    public long other() {
        return other.sum();
    }

    /** @return distinct seq numbers received by at least one connection */
    public long distinctTicks() {
        return ticks.size();
    }
}
