package io.hydrogen.ws;

import java.time.Instant;
import java.util.List;

/**
 * A read-only, thread-safe view of a server's state and counters: what the status message reports.
 *
 * <p>Every method reads the live value; two calls may see different values while the server runs.
 * Counters are exact under concurrency and never negative.
 */
public interface ServerContext {

    /**
     * Returns when the server started accepting connections.
     *
     * @return the start time, or {@code null} before the server started
     */
    Instant serverStartTime();

    /**
     * Returns the number of authenticated connections that are open now. Connections still waiting
     * for in-band authentication are not counted.
     *
     * @return the number of active connections, at least 0
     */
    int activeConnections();

    /**
     * Returns the number of connections that authenticated since the server started.
     *
     * @return the total number of authenticated connections, at least 0
     */
    long totalConnections();

    /**
     * Returns the number of text messages received from authenticated connections since the server
     * started. A fragmented message counts once.
     *
     * @return the total number of requests, at least 0
     */
    long totalRequests();

    /**
     * Returns the diagnostics of every open connection: queue depth and bytes, messages sent,
     * conflated and dropped, time of the last completed send, address and principal. Costs one
     * pass over the connections: meant for diagnostics, not for every tick.
     *
     * @return a snapshot, in no particular order
     */
    List<ConnectionStats> connections();

    /**
     * Returns the totals of the outbound path (also reported by the system info endpoint).
     *
     * @return a snapshot of the totals
     */
    OutboundStats outboundStats();

    /**
     * Returns the server's lifecycle state.
     *
     * @return the current state; never {@code null}
     */
    ServerState state();

    /**
     * Returns whether the server accepts connections and pushes status.
     *
     * @return {@code true} in state {@link ServerState#RUNNING}
     */
    default boolean isRunning() {
        return state() == ServerState.RUNNING;
    }

    /**
     * Returns whether {@link HydrogenWebSocketServer#close()} is in progress.
     *
     * @return {@code true} in state {@link ServerState#SHUTTING_DOWN}
     */
    default boolean isShuttingDown() {
        return state() == ServerState.SHUTTING_DOWN;
    }
}
