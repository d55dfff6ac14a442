package io.hydrogen.ws.benchmark.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens connections at a bounded rate with a bounded number of handshakes in flight, so the
 * generator measures the server rather than a SYN flood, and records every outcome in a
 * {@link ConnectTally}. Each call returns when every attempt it started has finished or timed out.
 */
public final class ConnectionRamp {

    /** Starts the connection attempt number {@code index}; the future completes when it is open. */
    @FunctionalInterface
    public interface Attempt {
        CompletableFuture<?> start(int index) throws Exception;
    }

    private final long intervalNanos;
    private final int maxInFlight;
    private final long timeoutMillis;

    /**
     * @param perSecond attempts started per second
     * @param maxInFlight handshakes allowed in flight at once
     * @param timeoutMillis how long one attempt may take
     */
    public ConnectionRamp(int perSecond, int maxInFlight, long timeoutMillis) {
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.maxInFlight = maxInFlight;
        this.timeoutMillis = timeoutMillis;
    }

    /** Runs attempts {@code from} (inclusive) to {@code to} (exclusive) and waits for their outcomes. */
    public void run(int from, int to, ConnectTally tally, Attempt attempt) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<?>> pending = new ArrayList<>(Math.max(0, to - from));
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            long wait = start + (i - from) * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                tally.failed(new TimeoutException("no handshake slot free"));
                continue;
            }
            long attemptStart = System.nanoTime();
            tally.started(attemptStart);
            CompletableFuture<?> outcome;
            try {
                // orTimeout is a safety net only: the attempt's own timeout normally fires first.
                outcome = attempt.start(i).orTimeout(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                inFlight.release();
                tally.failed(e);
                continue;
            }
            pending.add(outcome.whenComplete((result, failure) -> {
                inFlight.release();
                if (failure == null) {
                    tally.succeeded(attemptStart);
                } else {
                    tally.failed(failure);
                }
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .handle((r, e) -> null)
                    .get(timeoutMillis + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // every attempt has its own timeout and is counted by it; nothing more to record
        }
        tally.endBatch();
    }
}
