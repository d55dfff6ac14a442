package io.hydrogen.ws.jetty.internal.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lifecycle of one connection as a small state machine, in the manner of Jetty's
 * {@code WebSocketSessionState}: each transition is one atomic step that either happens or not,
 * and tells the caller what it has to undo or count. Nothing else about a connection's lifecycle is
 * kept in flags.
 *
 * <pre>
 * PENDING ──authenticate──▶ AUTHENTICATING ──open──▶ OPEN
 *    │                            │                    │
 *    └──────────close─────────────┴───────close────────┴──▶ CLOSING ──closed──▶ CLOSED
 * </pre>
 *
 * A connection is counted in the context's {@code active_connections} from {@code authenticate}
 * until it leaves AUTHENTICATING or OPEN; it is pending (waiting for in-band auth) while PENDING.
 * Thread-safe: Jetty's events, the status push, timers and key revocation all call in.
 */
final class ConnectionState {

    /** The phases of a connection. */
    enum Phase {
        /** Upgraded, waiting for the in-band auth message (or, briefly, for the handshake's verdict). */
        PENDING,
        /** Counted; queueing {@code auth_ok} and the greeting, which no push may overtake. */
        AUTHENTICATING,
        /** Counted; receives pushes and handles messages. */
        OPEN,
        /** A close is queued; inbound messages are ignored, nothing more is queued. */
        CLOSING,
        /** The WebSocket is closed. */
        CLOSED
    }

    /** What leaving a phase means for the server's counts. */
    enum Left {
        /** The transition did not happen: someone else moved the connection on first. */
        NOTHING,
        /** The connection was pending: the pending count goes down. */
        PENDING,
        /** The connection was counted as active: the active count goes down. */
        COUNTED,
        /** The connection was already closing: nothing to uncount. */
        CLOSING
    }

    // A field with a VarHandle, not an AtomicReference: one object fewer per connection, and one
    // cache miss fewer on every inbound frame, which reads the phase first.
    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(ConnectionState.class, "phase", Phase.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Phase phase = Phase.PENDING;
    private volatile boolean everAuthenticated;

    /** @return the current phase */
    Phase phase() {
        return phase;
    }

    /** @return whether the connection is counted as active (AUTHENTICATING or OPEN) */
    boolean isCounted() {
        Phase current = phase;
        return current == Phase.AUTHENTICATING || current == Phase.OPEN;
    }

    /** @return whether the connection was ever authenticated, even if it is closing now */
    boolean wasAuthenticated() {
        return everAuthenticated;
    }

    /**
     * PENDING → AUTHENTICATING. On success the caller counts the connection and ends its pending state.
     *
     * @return whether the transition happened
     */
    boolean authenticate() {
        if (!PHASE.compareAndSet(this, Phase.PENDING, Phase.AUTHENTICATING)) {
            return false;
        }
        everAuthenticated = true;
        return true;
    }

    /**
     * AUTHENTICATING → OPEN: from now on pushes may come.
     *
     * @return whether the transition happened (not if a close came first)
     */
    boolean open() {
        return PHASE.compareAndSet(this, Phase.AUTHENTICATING, Phase.OPEN);
    }

    /**
     * Any phase before CLOSING → CLOSING, when the server decides to close.
     *
     * @return what the connection left: {@link Left#NOTHING} if it was closing or closed already
     */
    Left close() {
        while (true) {
            Phase current = phase;
            if (current == Phase.CLOSING || current == Phase.CLOSED) {
                return Left.NOTHING;
            }
            if (PHASE.compareAndSet(this, current, Phase.CLOSING)) {
                return left(current);
            }
        }
    }

    /**
     * Any phase → CLOSED, when the WebSocket has closed (either side, or the network).
     *
     * @return what the connection left: {@link Left#NOTHING} if it was closed already
     */
    Left closed() {
        Phase previous = (Phase) PHASE.getAndSet(this, Phase.CLOSED);
        return previous == Phase.CLOSED ? Left.NOTHING : left(previous);
    }

    private static Left left(Phase previous) {
        return switch (previous) {
            case PENDING -> Left.PENDING;
            case AUTHENTICATING, OPEN -> Left.COUNTED;
            case CLOSING -> Left.CLOSING;
            case CLOSED -> Left.NOTHING;
        };
    }
}
