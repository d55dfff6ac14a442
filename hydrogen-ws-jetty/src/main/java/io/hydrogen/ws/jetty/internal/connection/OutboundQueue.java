package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound queue: at most one send in flight (Jetty's rule), a bounded backlog
 * behind it, frames batched while a backlog drains, and status messages conflated (a status still
 * waiting is replaced by a newer one; replies and errors are never dropped silently).
 *
 * <p>Payloads are UTF-8 buffers that may be shared by many queues: each send takes its own
 * {@link ByteBuffer#slice() slice}. Enqueueing never blocks and never writes on the caller's
 * behalf except to start an idle queue. Thread-safe.
 */
final class OutboundQueue extends IteratingCallback {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    /** Close code 1013, "try again later": sent when a client does not keep up with its backlog. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private final CoreSession session;
    private final int maxQueued;
    private final ConnectionInfo connection;
    private final Events events;
    private int inFlightBytes = -1;      // touched only by process(), which Jetty never runs concurrently
    private final Object lock = new Object();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private Text pendingStatus;          // guarded by lock: the status still waiting, replaced by newer ones
    private long lastStatusSeq = -1;     // guarded by lock: never go back in seq
    private boolean closing;             // guarded by lock: a close is queued, nothing more is accepted

    private sealed interface Outgoing permits Text, Close {
    }

    private static final class Text implements Outgoing {
        private ByteBuffer payload;

        Text(ByteBuffer payload) {
            this.payload = payload;
        }
    }

    private record Close(int code, String reason) implements Outgoing {
    }

    OutboundQueue(CoreSession session, int maxQueued, ConnectionInfo connection, Events events) {
        this.session = session;
        this.maxQueued = maxQueued;
        this.connection = connection;
        this.events = events;
    }

    /**
     * Queues a status message. If an older status is still waiting it is replaced; a status older
     * than one already queued or sent (by {@code seq}) is ignored.
     */
    void enqueueStatus(ByteBuffer payload, long seq) {
        synchronized (lock) {
            if (closing || seq < lastStatusSeq || (seq == lastStatusSeq && pendingStatus == null)) {
                return;
            }
            lastStatusSeq = seq;
            if (pendingStatus != null) {
                pendingStatus.payload = payload;
                events.messageDropped(connection, "conflated");
                return;
            }
            pendingStatus = new Text(payload);
            if (!offer(pendingStatus)) {
                return;
            }
        }
        iterate();
    }

    /** Queues a reply or error; never conflated. */
    void enqueue(ByteBuffer payload) {
        synchronized (lock) {
            if (closing || !offer(new Text(payload))) {
                return;
            }
        }
        iterate();
    }

    /** Queues a close frame behind everything already queued; later messages are ignored. */
    void close(int code, String reason) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Close(code, reason));
        }
        iterate();
    }

    /** @return messages waiting to be sent */
    int depth() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Must hold the lock. On overflow the backlog is dropped and replaced by a close with 1013. */
    private boolean offer(Outgoing item) {
        if (queue.size() < maxQueued) {
            queue.add(item);
            return true;
        }
        LOG.warn("Client {} does not keep up: {} messages queued; closing with {}", connection.remoteAddress(),
                queue.size(), CLOSE_TRY_AGAIN_LATER);
        for (int i = queue.size(); i > 0; i--) {
            events.messageDropped(connection, "overflow");
        }
        queue.clear();
        pendingStatus = null;
        closing = true;
        queue.add(new Close(CLOSE_TRY_AGAIN_LATER, "send queue overflow"));
        return true;
    }

    @Override
    protected Action process() {
        // Jetty calls process() again only once the previous send has completed.
        if (inFlightBytes >= 0) {
            events.messageSent(connection, inFlightBytes);
            inFlightBytes = -1;
        }
        Outgoing next;
        boolean more;
        synchronized (lock) {
            next = queue.poll();
            if (next == null) {
                return Action.IDLE;
            }
            if (next == pendingStatus) {
                pendingStatus = null;
            }
            more = !queue.isEmpty();
        }
        if (next instanceof Close close) {
            session.close(close.code(), close.reason(), this);
        } else {
            ByteBuffer payload = ((Text) next).payload.slice();
            inFlightBytes = payload.remaining();
            // Batch while a backlog drains; the last frame of the backlog flushes the batch.
            session.sendFrame(new Frame(OpCode.TEXT, payload), this, more);
        }
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        synchronized (lock) {
            closing = true;
            queue.clear();
            pendingStatus = null;
        }
        LOG.debug("Sending to client {} failed; its queue is discarded", connection.remoteAddress(), cause);
    }
}
