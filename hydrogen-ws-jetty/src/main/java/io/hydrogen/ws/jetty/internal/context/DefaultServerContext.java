package io.hydrogen.ws.jetty.internal.context;

import io.hydrogen.ws.ConnectionStats;
import io.hydrogen.ws.OutboundStats;
import io.hydrogen.ws.ServerContext;
import io.hydrogen.ws.ServerState;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place for a server's shared state: lifecycle, start time, counters and the status
 * sequence number. Lock-free; every update is atomic.
 */
public final class DefaultServerContext implements ServerContext {

    private final AtomicReference<ServerState> state = new AtomicReference<>(ServerState.NEW);
    private volatile Instant startTime;
    private final AtomicInteger activeConnections = new AtomicInteger();
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong totalRequests = new AtomicLong();
    private final AtomicLong statusSequence = new AtomicLong();
    private final OutboundCounters outbound = new OutboundCounters();
    private volatile Supplier<List<ConnectionStats>> connections = List::of;

    /** Sets where {@link #connections()} reads the open connections from. */
    public void connectionsFrom(Supplier<List<ConnectionStats>> source) {
        this.connections = source;
    }

    /** @return the outbound counters, for the send paths to update */
    public OutboundCounters outbound() {
        return outbound;
    }

    @Override
    public List<ConnectionStats> connections() {
        return connections.get();
    }

    @Override
    public OutboundStats outboundStats() {
        long messages = 0;
        long bytes = 0;
        for (ConnectionStats connection : connections()) {
            messages += connection.queuedMessages();
            bytes += connection.queuedBytes();
        }
        return new OutboundStats(messages, bytes, outbound.sentTotal(), outbound.conflatedTotal(),
                outbound.droppedTotal(), outbound.slowClientsClosedTotal());
    }

    @Override
    public Instant serverStartTime() {
        return startTime;
    }

    @Override
    public int activeConnections() {
        return activeConnections.get();
    }

    @Override
    public long totalConnections() {
        return totalConnections.get();
    }

    @Override
    public long totalRequests() {
        return totalRequests.get();
    }

    @Override
    public ServerState state() {
        return state.get();
    }

    /**
     * Moves the lifecycle from one state to the next.
     *
     * @return {@code false} if the state was not {@code from}
     */
    public boolean transition(ServerState from, ServerState to) {
        boolean moved = state.compareAndSet(from, to);
        if (moved && to == ServerState.RUNNING) {
            startTime = Instant.now();
        }
        return moved;
    }

    /** Forces the final state, whatever the current one. */
    public void stopped() {
        state.set(ServerState.STOPPED);
    }

    /** Counts a connection that just authenticated. Call once per connection. */
    public void connectionAuthenticated() {
        totalConnections.incrementAndGet();
        activeConnections.incrementAndGet();
    }

    /**
     * Counts the close of an authenticated connection. Call exactly once per
     * {@link #connectionAuthenticated()}, after it.
     */
    public void authenticatedConnectionClosed() {
        activeConnections.decrementAndGet();
    }

    /** Counts one complete text message from an authenticated connection. */
    public void requestReceived() {
        totalRequests.incrementAndGet();
    }

    /** @return the sequence number for a new push tick: +1 per tick, server-wide */
    public long nextStatusSequence() {
        return statusSequence.incrementAndGet();
    }

    /** @return the sequence number of the latest push tick (0 before the first) */
    public long currentStatusSequence() {
        return statusSequence.get();
    }
}
