package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound queue: at most one send in flight (Jetty's rule), a backlog bounded by
 * messages, bytes and age behind it, frames batched while a backlog drains, and status messages
 * conflated (a status still waiting is replaced by a newer one; replies, errors and broadcasts are
 * never dropped silently).
 *
 * <p>A client that goes over a bound, or whose oldest message (or unfinished write) is older than
 * the age limit, is a slow client: its backlog is dropped, it is closed with 1013, and if even
 * the close cannot be written within a grace period the TCP connection is aborted.
 *
 * <p>Payloads are UTF-8 buffers that may be shared by many queues: each send takes its own
 * {@link ByteBuffer#slice() slice}. Enqueueing never blocks; it writes on the caller's thread only
 * to start an idle queue (Jetty's writes do not block). Thread-safe.
 *
 * <p>Event listeners and logs are never called while the queue's lock is held: what happened is
 * recorded under the lock and reported after it, so a listener may call anything (for example
 * {@code context().connections()}, which takes every queue's lock) without deadlocking.
 */
final class OutboundQueue extends IteratingCallback {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    /** Close code 1013, "try again later": sent to a client that does not keep up. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** The most messages a fed backlog keeps queued at once; the rest follow as the queue drains. */
    static final int FEED_BATCH = 64;
    /** How long a slow client's close may take before its connection is aborted. */
    private static final long ABORT_GRACE_MILLIS = 2_000;

    /** The limits of one queue. */
    record Limits(int maxMessages, long maxBytes, long maxDelayNanos) {
    }

    private final CoreSession session;
    private final Limits limits;
    private final Supplier<ConnectionInfo> connection;
    private final Events events;
    private final DefaultServerContext context;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();

    // Guarded by lock.
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long queuedBytes;
    private Text pendingStatus;          // the status still waiting, replaced by newer ones
    private long lastStatusSeq = -1;     // never go back in seq
    private boolean closing;             // a close is decided: nothing more is accepted
    private long inFlightSince;          // System.nanoTime() of the write in flight, 0 if none
    private long sent;
    private long conflated;
    private long dropped;
    private boolean drainWanted;         // call onDrained once the queue is next empty
    private Runnable onDrained = () -> { };

    private int inFlightBytes = -1;      // touched only by process(), which Jetty never runs concurrently
    private volatile long lastSendCompletedMillis;

    private sealed interface Outgoing permits Text, Close, Ping {
    }

    private static final class Text implements Outgoing {
        private ByteBuffer payload;
        private final long enqueuedAt;
        private boolean taken; // guarded by the queue's lock: polled for writing, no longer replaceable

        Text(ByteBuffer payload, long enqueuedAt) {
            this.payload = payload;
            this.enqueuedAt = enqueuedAt;
        }
    }

    private record Close(int code, String reason) implements Outgoing {
    }

    private record Ping(ByteBuffer payload) implements Outgoing {
    }

    /** What one enqueue did besides queueing, to report once the lock is released. */
    private record Outcome(boolean conflatedOne, boolean slowClient, int droppedMessages, long droppedBytes) {
        static final Outcome QUEUED = new Outcome(false, false, 0, 0);
        static final Outcome CONFLATED = new Outcome(true, false, 0, 0);
    }

    /**
     * @param connection the current view of the connection, for events and logs
     */
    OutboundQueue(CoreSession session, Limits limits, Supplier<ConnectionInfo> connection, Events events,
            DefaultServerContext context, ScheduledExecutorService scheduler) {
        this.session = session;
        this.limits = limits;
        this.connection = connection;
        this.events = events;
        this.context = context;
        this.scheduler = scheduler;
    }

    /**
     * Queues a status message. If an older status is still waiting it is replaced; a status older
     * than one already queued or sent (by {@code seq}) is ignored.
     */
    void enqueueStatus(ByteBuffer payload, long seq) {
        Outcome outcome;
        synchronized (lock) {
            if (closing || seq < lastStatusSeq || (seq == lastStatusSeq && pendingStatus == null)) {
                return;
            }
            lastStatusSeq = seq;
            long now = System.nanoTime();
            if (pendingStatus != null) {
                queuedBytes += payload.remaining() - pendingStatus.payload.remaining();
                pendingStatus.payload = payload;
                conflated++;
                context.outbound().conflated();
                outcome = isStuck(now) ? slowClient(true) : Outcome.CONFLATED;
            } else {
                pendingStatus = new Text(payload, now);
                outcome = offer(pendingStatus, now) ? Outcome.QUEUED : slowClient(false);
            }
        }
        report(outcome);
        iterate();
    }

    /** Queues a reply, error or broadcast; never conflated. */
    void enqueue(ByteBuffer payload) {
        Outcome outcome;
        synchronized (lock) {
            if (closing) {
                return;
            }
            long now = System.nanoTime();
            outcome = offer(new Text(payload, now), now) ? Outcome.QUEUED : slowClient(false);
        }
        report(outcome);
        iterate();
    }

    /**
     * Queues a state topic update that a newer one may replace while it waits (see
     * {@link #replace(Object, ByteBuffer)}).
     *
     * @return a handle to the queued update, or {@code null} if the queue is closing or the client
     *     turned out to be too slow (it is then being closed)
     */
    Object enqueueReplaceable(ByteBuffer payload) {
        Outcome outcome;
        Text item;
        synchronized (lock) {
            if (closing) {
                return null;
            }
            long now = System.nanoTime();
            item = new Text(payload, now);
            outcome = offer(item, now) ? Outcome.QUEUED : slowClient(false);
        }
        report(outcome);
        iterate();
        return outcome == Outcome.QUEUED ? item : null;
    }

    /**
     * Replaces the payload of an update queued by {@link #enqueueReplaceable(ByteBuffer)} if it is
     * still waiting (conflation: counted like a conflated status).
     *
     * @return {@code false} if it is no longer waiting (being written, written, or discarded)
     */
    boolean replace(Object handle, ByteBuffer payload) {
        Text item = (Text) handle;
        synchronized (lock) {
            if (item.taken || closing) {
                return false;
            }
            queuedBytes += payload.remaining() - item.payload.remaining();
            item.payload = payload;
            conflated++;
            context.outbound().conflated();
        }
        report(Outcome.CONFLATED);
        return true;
    }

    /**
     * @return whether a backlog fed bit by bit (an event replay) may queue one more message now:
     *     the queue is below half its bounds, and below {@link #FEED_BATCH} messages, so that the
     *     feed itself never makes the connection a slow client
     */
    boolean hasRoomForFeed() {
        synchronized (lock) {
            return !closing && queue.size() < Math.min(FEED_BATCH, limits.maxMessages() / 2)
                    && queuedBytes < limits.maxBytes() / 2;
        }
    }

    /**
     * Asks to be told, once, when the queue is next empty: {@code action} runs on the thread that
     * completed the last write, outside the queue's lock, and must not block.
     */
    void whenDrained(Runnable action) {
        boolean emptyNow;
        synchronized (lock) {
            onDrained = action;
            emptyNow = queue.isEmpty() && inFlightSince == 0;
            drainWanted = !emptyNow;
        }
        if (emptyNow) {
            action.run();
        }
    }

    /**
     * Queues a ping frame behind what is already queued: a client whose queue is stuck will not
     * answer it, which is the point.
     */
    void ping(ByteBuffer payload) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            queue.add(new Ping(payload));
        }
        iterate();
    }

    /**
     * Queues a close frame behind everything already queued; later messages are ignored. A client
     * that has not completed the close within the grace period is aborted, so that it cannot hold
     * a connection slot by never answering.
     */
    void close(int code, String reason) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            queueClose(code, reason);
        }
        iterate();
    }

    /**
     * Drops the backlog and closes: with a close frame if it can still be written, else (after the
     * grace period) by aborting the TCP connection. For clients that are gone.
     */
    void closeOrAbort(int code, String reason) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            discardBacklog();
            queueClose(code, reason);
        }
        iterate();
    }

    /** @return messages waiting, their bytes, and this queue's counters, read together */
    Snapshot snapshot() {
        synchronized (lock) {
            return new Snapshot(queue.size(), queuedBytes, sent, conflated, dropped, lastSendCompletedMillis);
        }
    }

    /** What {@link #snapshot()} returns. */
    record Snapshot(int queuedMessages, long queuedBytes, long sent, long conflated, long dropped,
            long lastSendCompletedMillis) {
    }

    /** Must hold the lock. @return {@code false} if the item would break a bound or the queue is stuck */
    private boolean offer(Text item, long now) {
        int size = item.payload.remaining();
        if (queue.size() >= limits.maxMessages() || queuedBytes + size > limits.maxBytes() || isStuck(now)) {
            return false;
        }
        queue.add(item);
        queuedBytes += size;
        return true;
    }

    /** Must hold the lock. @return whether the oldest message or the write in flight is too old */
    private boolean isStuck(long now) {
        if (inFlightSince != 0 && now - inFlightSince > limits.maxDelayNanos()) {
            return true;
        }
        Outgoing oldest = queue.peek();
        return oldest instanceof Text text && now - text.enqueuedAt > limits.maxDelayNanos();
    }

    /**
     * Must hold the lock. Drops the backlog, closes with 1013, and aborts if even that is stuck.
     *
     * @param conflatedOne whether the enqueue that found the client slow also conflated a status
     * @return what to report once the lock is released
     */
    private Outcome slowClient(boolean conflatedOne) {
        int backlog = queue.size();
        Outcome outcome = new Outcome(conflatedOne, true, backlog, queuedBytes);
        dropped += backlog;
        context.outbound().dropped(backlog);
        context.outbound().slowClientClosed();
        discardBacklog();
        queueClose(CLOSE_TRY_AGAIN_LATER, "client too slow");
        return outcome;
    }

    /** Tells the listeners (and the log) what an enqueue did; never under the lock. */
    private void report(Outcome outcome) {
        if (outcome == Outcome.QUEUED) {
            return;
        }
        ConnectionInfo info = connection.get();
        if (outcome.conflatedOne()) {
            events.messageDropped(info, "conflated");
        }
        if (outcome.slowClient()) {
            LOG.warn("Client {} does not keep up: send queue over its limits ({} messages, {} bytes queued); "
                    + "closing with {}", info.remoteAddress(), outcome.droppedMessages(), outcome.droppedBytes(),
                    CLOSE_TRY_AGAIN_LATER);
            for (int i = outcome.droppedMessages(); i > 0; i--) {
                events.messageDropped(info, "overflow");
            }
        }
    }

    /** Must hold the lock. Forgets every waiting message. */
    private void discardBacklog() {
        queue.clear();
        queuedBytes = 0;
        pendingStatus = null;
    }

    /** Must hold the lock. Accepts nothing more, queues the close frame and arms the abort timer. */
    private void queueClose(int code, String reason) {
        closing = true;
        queue.add(new Close(code, reason));
        scheduleAbort();
    }

    private void scheduleAbort() {
        try {
            scheduler.schedule(this::abortIfOpen, ABORT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The server is stopping; stopping Jetty closes the connection anyway.
        }
    }

    private void abortIfOpen() {
        if (!session.isClosed()) {
            LOG.info("Client {} did not take its close frame within {} ms; aborting the connection",
                    connection.get().remoteAddress(), ABORT_GRACE_MILLIS);
            session.abort();
        }
    }

    /**
     * {@link #process()} never blocks (Jetty's sends do not), so Jetty may complete a write and
     * start the next one on the selector thread instead of dispatching to its thread pool.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    protected Action process() {
        // Jetty calls process() again only once the previous send has completed.
        int completedBytes = inFlightBytes;
        inFlightBytes = -1;
        Outgoing next;
        boolean more;
        boolean drained;
        synchronized (lock) {
            if (completedBytes >= 0) {
                sent++;
            }
            next = queue.poll();
            if (next == pendingStatus) {
                pendingStatus = null;
            }
            if (next instanceof Text text) {
                text.taken = true;
                queuedBytes -= text.payload.remaining();
            }
            inFlightSince = next == null ? 0 : System.nanoTime();
            more = !queue.isEmpty();
            drained = next == null && drainWanted;
            if (drained) {
                drainWanted = false;
            }
        }
        if (completedBytes >= 0) {
            lastSendCompletedMillis = System.currentTimeMillis();
            context.outbound().sent();
            events.messageSent(connection.get(), completedBytes);
        }
        if (drained) {
            onDrained.run();
        }
        if (next == null) {
            return Action.IDLE;
        }
        if (next instanceof Close close) {
            session.close(close.code(), close.reason(), this);
        } else if (next instanceof Ping ping) {
            session.sendFrame(new Frame(OpCode.PING, ping.payload().slice()), this, false);
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
            discardBacklog();
            inFlightSince = 0;
        }
        LOG.debug("Sending to client {} failed; its queue is discarded", connection.get().remoteAddress(), cause);
    }
}
