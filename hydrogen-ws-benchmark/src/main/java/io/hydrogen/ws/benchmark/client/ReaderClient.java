package io.hydrogen.ws.benchmark.client;

import io.hydrogen.ws.benchmark.metrics.DeliveryStats;
import io.hydrogen.ws.benchmark.metrics.SeqTracker;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One reading connection: hands every text message to the shared {@link DeliveryStats} with its
 * receive time, and reports closes and errors to the shared {@link CloseTally}. Jetty calls it one
 * event at a time, so its own state needs no locking.
 */
public final class ReaderClient implements Session.Listener.AutoDemanding {

    private final DeliveryStats stats;
    private final CloseTally closes;
    private final SeqTracker seqs = new SeqTracker();
    private volatile Session session;

    public ReaderClient(DeliveryStats stats, CloseTally closes) {
        this.stats = stats;
        this.closes = closes;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        stats.onText(message, System.currentTimeMillis(), seqs);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closes.closed(statusCode);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (session != null) { // failures before the open are counted as connect failures
            closes.error();
        }
    }

    /** @return whether the connection is open now */
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    /** Starts a normal close (1000); does not wait for it. */
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "load generator done", Callback.NOOP);
        }
    }
}
