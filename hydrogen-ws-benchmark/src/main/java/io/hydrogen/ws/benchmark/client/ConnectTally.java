package io.hydrogen.ws.benchmark.client;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;

/**
 * Outcomes of connection attempts: how many succeeded, how many failed and why (HTTP status,
 * timeout, refused, other exception), how long handshakes took, and the time spent connecting
 * (for handshakes per second). Attempts come in batches, one per {@link ConnectionRamp#run}; the
 * connecting time is the sum over batches from a batch's first attempt to its last completion, so
 * a pause between batches (the RSS checkpoint) does not count. Thread-safe.
 */
public final class ConnectTally {

    private final LongAdder made = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Recorder handshakeMicros = new Recorder(3);
    private final AtomicLong firstStartNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDoneNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong connectingNanos = new AtomicLong();
    private Histogram handshakes = new Histogram(3);

    /** Marks the start of one attempt. */
    public void started(long nanos) {
        firstStartNanos.accumulateAndGet(nanos, Math::min);
    }

    /** Records a successful attempt that started at {@code startNanos}. */
    public void succeeded(long startNanos) {
        long now = System.nanoTime();
        lastDoneNanos.accumulateAndGet(now, Math::max);
        handshakeMicros.recordValue(Math.max(0, (now - startNanos) / 1000));
        made.increment();
    }

    /** Records a failed attempt, classified by its cause. */
    public void failed(Throwable failure) {
        lastDoneNanos.accumulateAndGet(System.nanoTime(), Math::max);
        failures.computeIfAbsent(reason(failure), r -> new LongAdder()).increment();
    }

    /** Closes a batch of attempts: adds its span to the connecting time. Call when none is pending. */
    public void endBatch() {
        long first = firstStartNanos.getAndSet(Long.MAX_VALUE);
        long last = lastDoneNanos.getAndSet(Long.MIN_VALUE);
        if (first != Long.MAX_VALUE && last > first) {
            connectingNanos.addAndGet(last - first);
        }
    }

    /** @return successful attempts */
    public long made() {
        return made.sum();
    }

    /** @return failed attempts */
    public long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return failed attempts by reason, sorted by reason */
    public Map<String, Long> failuresByReason() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((reason, count) -> out.put(reason, count.sum()));
        return out;
    }

    /** @return successful handshakes per second of connecting time, over the batches ended so far */
    public double handshakesPerSecond() {
        long span = connectingNanos.get();
        return span <= 0 ? 0 : made() / (span / 1e9);
    }

    /** @return handshake durations in microseconds, accumulated over every call */
    public synchronized Histogram handshakeMicros() {
        handshakes.add(handshakeMicros.getIntervalHistogram());
        return handshakes.copy();
    }

    /**
     * @return a short machine-friendly reason: {@code http_401}, {@code timeout}, {@code refused},
     *     or the simple name of the root exception
     */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
            return "http_" + upgrade.getResponseStatusCode();
        }
        if (t instanceof HandshakeStatusException status) {
            return "http_" + status.status();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof SocketTimeoutException
                    || c instanceof CancellationException) {
                return "timeout";
            }
            if (c instanceof ConnectException) {
                return "refused";
            }
            if (c.getCause() == null) {
                return c.getClass().getSimpleName();
            }
        }
        return t.getClass().getSimpleName();
    }
}
