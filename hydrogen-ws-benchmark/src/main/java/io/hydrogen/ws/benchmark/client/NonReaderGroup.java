package io.hydrogen.ws.benchmark.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The non-reading clients: opened with blocking sockets on a few threads, kept silent through the
 * run, then drained in parallel to see how each one ended.
 */
public final class NonReaderGroup implements AutoCloseable {

    private static final int THREADS = 8;
    private static final int DRAIN_THREADS = 64;

    private final List<NonReaderClient> clients = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final URI uri;
    private final String protocol;
    private final String key;
    private final int receiveBuffer;
    private final int timeoutMillis;

    public NonReaderGroup(URI uri, String protocol, String key, int receiveBuffer, int timeoutMillis) {
        this.uri = uri;
        this.protocol = protocol;
        this.key = key;
        this.receiveBuffer = receiveBuffer;
        this.timeoutMillis = timeoutMillis;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "non-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return an attempt that opens one more non-reader */
    public ConnectionRamp.Attempt attempt() {
        return index -> CompletableFuture.runAsync(() -> {
            try {
                clients.add(NonReaderClient.open(uri, protocol, key, receiveBuffer, timeoutMillis));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** What draining every non-reader found. */
    public record DrainSummary(Map<String, Long> outcomes, long bytesRead) {
    }

    /**
     * Drains every non-reader in parallel, each for at most {@code budgetMillis}.
     *
     * @return outcome counts keyed {@code closed_CODE}, {@code eof}, {@code reset}, {@code open}
     *     (and {@code unknown} if a drain did not finish), and the bytes read in total
     */
    public DrainSummary drainAll(int budgetMillis) throws InterruptedException {
        if (clients.isEmpty()) {
            return new DrainSummary(Map.of(), 0);
        }
        // Many threads, briefly: a drain mostly waits, and all of them should share one budget.
        int threads = Math.min(clients.size(), DRAIN_THREADS);
        ExecutorService drainers = Executors.newFixedThreadPool(threads);
        List<Future<NonReaderClient.DrainResult>> results;
        try {
            List<Callable<NonReaderClient.DrainResult>> drains = clients.stream()
                    .map(c -> (Callable<NonReaderClient.DrainResult>) () -> c.drain(budgetMillis))
                    .toList();
            long rounds = (clients.size() + threads - 1) / threads;
            results = drainers.invokeAll(drains, rounds * budgetMillis + 2000, TimeUnit.MILLISECONDS);
        } finally {
            drainers.shutdownNow();
        }
        Map<String, Long> outcomes = new TreeMap<>();
        long bytes = 0;
        for (Future<NonReaderClient.DrainResult> future : results) {
            String outcome;
            try {
                NonReaderClient.DrainResult result = future.get(0, TimeUnit.MILLISECONDS);
                bytes += result.bytesRead();
                outcome = result.outcome() == NonReaderClient.Outcome.CLOSED
                        ? "closed_" + result.closeCode()
                        : result.outcome().name().toLowerCase(Locale.ROOT);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                outcome = "unknown";
            }
            outcomes.merge(outcome, 1L, Long::sum);
        }
        return new DrainSummary(outcomes, bytes);
    }

    @Override
    public void close() {
        clients.forEach(NonReaderClient::close);
        executor.shutdownNow();
    }
}
