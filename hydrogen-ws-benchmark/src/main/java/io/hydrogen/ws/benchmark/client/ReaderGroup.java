package io.hydrogen.ws.benchmark.client;

import io.hydrogen.ws.benchmark.metrics.DeliveryStats;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The reading clients: one Jetty {@link WebSocketClient} (a few selector threads carry thousands
 * of connections) and a {@link ReaderClient} per connection. Attempts are started by a
 * {@link ConnectionRamp} on one thread; the other methods are called from that same thread.
 */
public final class ReaderGroup implements AutoCloseable {

    private static final long CLOSE_WAIT_NANOS = 5_000_000_000L;

    private final HttpClient http = new HttpClient();
    private final WebSocketClient client = new WebSocketClient(http);
    private final List<ReaderClient> readers = new ArrayList<>();
    private final URI uri;
    private final String protocol;
    private final String key;
    private final int timeoutMillis;

    /**
     * @param maxConnections every connection this group will open (sizes the request queue)
     * @param maxInFlight handshakes in flight at once (sizes the HTTP connection pool)
     * @param idleTimeout longer than the run: the generator, not a timeout, decides when to close
     */
    public ReaderGroup(URI uri, String protocol, String key, int maxConnections, int maxInFlight, int timeoutMillis,
            Duration idleTimeout) {
        this.uri = uri;
        this.protocol = protocol;
        this.key = key;
        this.timeoutMillis = timeoutMillis;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("loadgen");
        threads.setDaemon(true);
        http.setExecutor(threads);
        // Upgrades travel as HTTP requests: without these, Jetty caps them at 64 in flight and 1024 queued.
        http.setMaxConnectionsPerDestination(maxInFlight);
        http.setMaxRequestsQueuedPerDestination(maxConnections + 1);
        http.setConnectTimeout(timeoutMillis);
        client.setIdleTimeout(idleTimeout);
        client.setStopTimeout(5000);
    }

    /** Starts the HTTP and WebSocket clients. */
    public void start() throws Exception {
        http.start();
        client.start();
    }

    /** @return an attempt that opens one more reader that records into {@code stats} and {@code closes} */
    public ConnectionRamp.Attempt attempt(DeliveryStats stats, CloseTally closes) {
        return index -> {
            ReaderClient reader = new ReaderClient(stats, closes);
            readers.add(reader);
            return client.connect(reader, upgradeRequest());
        };
    }

    private ClientUpgradeRequest upgradeRequest() {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setSubProtocols(protocol);
        request.setHeader("Authorization", "Key " + key);
        request.setTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        return request;
    }

    /**
     * Opens and closes one connection that no statistic sees, so that class loading and JIT
     * warm-up on both sides are not billed to the first handshakes of the ramp.
     *
     * @return whether the priming connection opened
     */
    public boolean prime() throws InterruptedException {
        ReaderClient primer = new ReaderClient(new DeliveryStats(), new CloseTally());
        try {
            client.connect(primer, upgradeRequest()).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | IOException e) {
            return false;
        } finally {
            primer.close();
        }
    }

    /** @return readers whose connection is open now */
    public int openCount() {
        int open = 0;
        for (ReaderClient reader : readers) {
            if (reader.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /**
     * Closes every connection with 1000, waits (bounded) for the close handshakes, and stops the
     * clients.
     */
    @Override
    public void close() {
        readers.forEach(ReaderClient::close);
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (openCount() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000L);
        }
        stopQuietly(client);
        stopQuietly(http);
    }

    private static void stopQuietly(LifeCycle component) {
        try {
            component.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("[loadgen] stopping " + component + " failed: " + e);
        }
    }
}
