package io.hydrogen.ws.jetty.internal.message;

import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.SystemProbe;
import java.time.Instant;

/** Takes {@link StatusSnapshot}s of one server. Thread-safe. */
public final class StatusSource {

    private final DefaultServerContext context;
    private final SystemProbe probe;

    public StatusSource(DefaultServerContext context, SystemProbe probe) {
        this.context = context;
        this.probe = probe;
    }

    /** @return a snapshot for a new push tick, with the next sequence number */
    public StatusSnapshot nextTick() {
        return snapshot(context.nextStatusSequence());
    }

    /** @return a snapshot carrying the latest tick's sequence number (for replies and greetings) */
    public StatusSnapshot current() {
        return snapshot(context.currentStatusSequence());
    }

    private StatusSnapshot snapshot(long seq) {
        Instant start = context.serverStartTime();
        return new StatusSnapshot(seq, System.currentTimeMillis(), start == null ? Instant.now() : start,
                context.activeConnections(), context.totalConnections(), context.totalRequests(), probe.uname(),
                probe.usage(), context.isRunning(), context.isShuttingDown());
    }
}
