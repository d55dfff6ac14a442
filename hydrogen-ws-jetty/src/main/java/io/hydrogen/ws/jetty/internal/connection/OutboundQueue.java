package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.QueueConfig;
import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound queue and the single writer of its socket: at most one write in flight
 * (text, ping, pong and close frames alike, so nothing interleaves on the wire), a backlog bounded
 * by messages, bytes and age behind it, frames gathered into one write while a backlog drains, and
 * status messages conflated (a status still waiting is replaced by a newer one; replies, errors and
 * broadcasts are never dropped silently). How a frame is written is the {@link FrameWriter}'s
 * business: pre-encoded bytes straight to the endpoint, or Jetty's frame path; but a text message
 * to a writer that offers its socket channel ({@link FrameWriter#directText()}) the queue writes
 * itself, so that a delivery does not touch the writer (one object, two cache lines, fewer).
 *
 * <p>A client that goes over a bound, or whose oldest message (or unfinished write) is older than
 * the age limit, is a slow client: its backlog is dropped, it is closed with 1013, and if even
 * the close cannot be written within a grace period the TCP connection is aborted.
 *
 * <p>Payloads are UTF-8 buffers that may be shared by many queues: they are never modified, and
 * each write takes its own {@link ByteBuffer#slice() slice} (of the payload or of its shared frame). Enqueueing never blocks; it writes on the caller's thread only
 * to start an idle queue (Jetty's writes do not block). Thread-safe.
 *
 * <p>Event listeners and logs are never called while the queue's lock is held: what happened is
 * recorded under the lock and reported after it, so a listener may call anything (for example
 * {@code context().connections()}, which takes every queue's lock) without deadlocking.
 *
 * <p>The writer's turn: the thread that finds the queue idle writes, on its own thread, and keeps
 * writing as long as each write completes within the call (the usual case: the socket takes it);
 * a write the socket does not take whole is finished by Jetty later, and the thread that completes
 * it takes over (see {@link Turn}). One lock guards the queue and the turn (Jetty's
 * {@code IteratingCallback} did the same with a second lock per connection, taken at every step).
 * When the queue is idle, the fan-out's common case, a message costs two uncontended lock
 * operations: the enqueue takes the turn, and a write the socket took within the call ends with
 * one pass through the lock.
 */
final class OutboundQueue implements Callback {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    /** Close code 1013, "try again later": sent to a client that does not keep up. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** The most messages a fed backlog keeps queued at once; the rest follow as the queue drains. */
    static final int FEED_BATCH = 64;
    /** How long a slow client's close may take before its connection is aborted. */
    private static final long ABORT_GRACE_MILLIS = 2_000;
    /** Text frames gathered into one write while a backlog drains. */
    private static final int MAX_GATHER = 16;
    /** ... and at most this many payload bytes, so that one write stays a small one. */
    private static final int MAX_GATHER_BYTES = 32 * 1024;

    /** The limits of one queue. */
    record Limits(int maxMessages, long maxBytes, long maxDelayNanos) {

        /** @return the limits the server's configuration sets */
        static Limits of(QueueConfig config) {
            return new Limits(config.maxQueuedMessages(), config.maxQueuedBytes(), config.maxQueueDelay().toNanos());
        }
    }

    private final FrameWriter writer;
    private final boolean gathers;            // writer.isDirect(), read once: not a touch of the writer per delivery
    private final SocketChannel textChannel;  // writer.directText()'s, or null: text goes through the writer
    private final EncodedFrames textFrames;   // ... and the server's frames, with it
    private final Limits limits;
    private final Supplier<ConnectionInfo> connection;
    private final Events events;
    private final DefaultServerContext context;
    private final ScheduledExecutorService scheduler;
    // Everything below is guarded by this queue's own monitor, not by a lock object of its own: at
    // thousands of connections, every further object a message reaches is a cache miss more. Jetty,
    // which holds this object as a callback, never synchronizes on it.
    // The waiting messages, mostly none: a write the socket takes within the call leaves the queue
    // at once. The first waits in this object and only the ones behind it in a deque, created when
    // a backlog first builds, so that a message to an idle queue touches no further object (a cache
    // miss per delivery at thousands of connections) and an idle connection holds no deque.
    private Outgoing first;
    private ArrayDeque<Outgoing> behind; // null until two messages wait at once
    private int waiting;                 // first and behind together
    private Turn turn = Turn.IDLE;
    private Outgoing inFlight;           // what the write in flight holds; null if idle or if it failed
    private boolean batchInFlight;       // more was queued behind it (Jetty's path may batch)
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
    private Runnable afterLastWrite;     // stop(): run once no write is in flight

    private long lastSendCompletedNanos;  // System.nanoTime() of the last text write's completion, 0 if none

    /**
     * Where the writer's turn stands. A write ends twice: its call returns, and Jetty completes it
     * (within the call if the socket took it all, later otherwise). Whichever comes second goes on.
     */
    private enum Turn {
        /** No write in flight: the next enqueue takes the turn. */
        IDLE,
        /** A write was issued; neither its call has returned nor has it completed. */
        WRITING,
        /** One of the two has happened: the other one goes on. */
        HALF_DONE
    }

    private sealed interface Outgoing permits Text, Gathered, Close, Ping, Pong {
    }

    /** Text messages written with one gathering write; {@code payloads[0..count)}. */
    private record Gathered(ByteBuffer[] payloads, int count) implements Outgoing {
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

    private record Pong(ByteBuffer payload) implements Outgoing {
    }

    /** What one enqueue did besides queueing, to report once the lock is released. */
    private record Outcome(boolean conflatedOne, boolean slowClient, int droppedMessages, long droppedBytes) {
        static final Outcome QUEUED = new Outcome(false, false, 0, 0);
        static final Outcome CONFLATED = new Outcome(true, false, 0, 0);
    }

    /**
     * @param connection the current view of the connection, for events and logs
     */
    OutboundQueue(FrameWriter writer, Limits limits, Supplier<ConnectionInfo> connection, Events events,
            DefaultServerContext context, ScheduledExecutorService scheduler) {
        this.writer = writer;
        this.gathers = writer.isDirect();
        FrameWriter.DirectText direct = writer.directText();
        this.textChannel = direct == null ? null : direct.channel();
        this.textFrames = direct == null ? null : direct.frames();
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
        Outgoing next;
        synchronized (this) {
            if (closing || seq < lastStatusSeq || (seq == lastStatusSeq && pendingStatus == null)) {
                return;
            }
            lastStatusSeq = seq;
            long now = System.nanoTime();
            if (pendingStatus != null) {
                conflate(pendingStatus, payload);
                outcome = isStuck(now) ? slowClient(true) : Outcome.CONFLATED;
            } else {
                pendingStatus = new Text(payload, now);
                outcome = offer(pendingStatus, now) ? Outcome.QUEUED : slowClient(false);
            }
            next = claim(now);
        }
        report(outcome);
        writeFrom(next);
    }

    /** Queues a reply, error or broadcast; never conflated. */
    void enqueue(ByteBuffer payload) {
        enqueueReplaceable(payload); // nobody gets the handle, so nothing replaces it
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
        Outgoing next;
        synchronized (this) {
            if (closing) {
                return null;
            }
            long now = System.nanoTime();
            item = new Text(payload, now);
            outcome = offer(item, now) ? Outcome.QUEUED : slowClient(false);
            next = claim(now);
        }
        report(outcome);
        writeFrom(next);
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
        synchronized (this) {
            if (item.taken || closing) {
                return false;
            }
            conflate(item, payload);
        }
        report(Outcome.CONFLATED);
        return true;
    }

    /**
     * @return whether an update queued by {@link #enqueueReplaceable(ByteBuffer)} is still waiting
     *     (so that replacing it would conflate), as far as can be known now
     */
    boolean isWaiting(Object handle) {
        synchronized (this) {
            return !((Text) handle).taken && !closing;
        }
    }

    /**
     * @return whether a backlog fed bit by bit (an event replay) may queue one more message now:
     *     the queue is below half its bounds, and below {@link #FEED_BATCH} messages, so that the
     *     feed itself never makes the connection a slow client
     */
    boolean hasRoomForFeed() {
        synchronized (this) {
            return !closing && waiting < Math.min(FEED_BATCH, limits.maxMessages() / 2)
                    && queuedBytes < limits.maxBytes() / 2;
        }
    }

    /**
     * Asks to be told, once, when the queue is next empty: {@code action} runs on the thread that
     * completed the last write, outside the queue's lock, and must not block.
     */
    void whenDrained(Runnable action) {
        boolean emptyNow;
        synchronized (this) {
            onDrained = action;
            emptyNow = waiting == 0 && turn == Turn.IDLE;
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
        Outgoing next;
        synchronized (this) {
            if (closing) {
                return;
            }
            append(new Ping(payload));
            next = claim(System.nanoTime());
        }
        writeFrom(next);
    }

    /**
     * Answers a client's ping: the pong goes ahead of waiting messages (RFC 6455: as soon as
     * practical), but never ahead of the write in flight.
     */
    void pong(ByteBuffer payload) {
        Outgoing next;
        synchronized (this) {
            if (closing) {
                return;
            }
            prepend(new Pong(payload));
            next = claim(System.nanoTime());
        }
        writeFrom(next);
    }

    /**
     * Stops for a close frame that is not the queue's own: drops the backlog, accepts nothing more,
     * and runs {@code then} (outside the lock) once no write of this queue is in flight, so that the
     * close frame {@code then} writes never finds the socket busy with one of ours. For the answer
     * to a client's close frame, and for the close frames a {@link PlainWebSocketConnection} writes
     * on its own (a protocol error, the idle timeout).
     */
    void stop(Runnable then) {
        boolean now;
        synchronized (this) {
            closing = true;
            discardBacklog();
            now = turn == Turn.IDLE;
            if (!now) {
                afterLastWrite = then;
            }
        }
        if (now) {
            then.run();
        }
    }

    /**
     * Queues a close frame behind everything already queued; later messages are ignored. A client
     * that has not completed the close within the grace period is aborted, so that it cannot hold
     * a connection slot by never answering.
     */
    void close(int code, String reason) {
        Outgoing next;
        synchronized (this) {
            if (closing) {
                return;
            }
            queueClose(code, reason);
            next = claim(System.nanoTime());
        }
        writeFrom(next);
    }

    /**
     * Drops the backlog and closes: with a close frame if it can still be written, else (after the
     * grace period) by aborting the TCP connection. For clients that are gone.
     */
    void closeOrAbort(int code, String reason) {
        Outgoing next;
        synchronized (this) {
            if (closing) {
                return;
            }
            discardBacklog();
            queueClose(code, reason);
            next = claim(System.nanoTime());
        }
        writeFrom(next);
    }

    /** @return messages waiting, their bytes, and this queue's counters, read together */
    Snapshot snapshot() {
        synchronized (this) {
            // Wall-clock time derived here, not read per message: one clock read fewer on the hot path.
            long lastSendMillis = lastSendCompletedNanos == 0 ? 0
                    : System.currentTimeMillis() - (System.nanoTime() - lastSendCompletedNanos) / 1_000_000;
            return new Snapshot(waiting, queuedBytes, sent, conflated, dropped, lastSendMillis);
        }
    }

    /**
     * @return {@link System#nanoTime()} of the last text write's completion, 0 if none: what the
     *     endpoint's idle check counts as activity for the writes of {@link #writeStraight}
     */
    long lastSendCompletedNanos() {
        synchronized (this) {
            return lastSendCompletedNanos;
        }
    }

    /** What {@link #snapshot()} returns. */
    record Snapshot(int queuedMessages, long queuedBytes, long sent, long conflated, long dropped,
            long lastSendCompletedMillis) {
    }

    /** Must hold the lock. Replaces a waiting message's payload with a newer one, and counts the conflation. */
    private void conflate(Text waiting, ByteBuffer payload) {
        queuedBytes += payload.remaining() - waiting.payload.remaining();
        waiting.payload = payload;
        conflated++;
        context.outbound().conflated();
    }

    /** Must hold the lock. @return {@code false} if the item would break a bound or the queue is stuck */
    private boolean offer(Text item, long now) {
        int size = item.payload.remaining();
        if (waiting >= limits.maxMessages() || queuedBytes + size > limits.maxBytes() || isStuck(now)) {
            return false;
        }
        append(item);
        queuedBytes += size;
        return true;
    }

    /** Must hold the lock. @return whether the oldest message or the write in flight is too old */
    private boolean isStuck(long now) {
        if (inFlightSince != 0 && now - inFlightSince > limits.maxDelayNanos()) {
            return true;
        }
        Outgoing oldest = first;
        return oldest instanceof Text text && now - text.enqueuedAt > limits.maxDelayNanos();
    }

    /**
     * Must hold the lock. Drops the backlog, closes with 1013, and aborts if even that is stuck.
     *
     * @param conflatedOne whether the enqueue that found the client slow also conflated a status
     * @return what to report once the lock is released
     */
    private Outcome slowClient(boolean conflatedOne) {
        int backlog = waiting;
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

    /** Must hold the lock. Queues {@code item} behind every waiting message. */
    private void append(Outgoing item) {
        if (waiting == 0) {
            first = item;
        } else {
            behind().add(item);
        }
        waiting++;
    }

    /** Must hold the lock. Queues {@code item} ahead of every waiting message. */
    private void prepend(Outgoing item) {
        if (waiting > 0) {
            behind().addFirst(first);
        }
        first = item;
        waiting++;
    }

    /** Must hold the lock. @return the deque of the messages behind the first, created the first time */
    private ArrayDeque<Outgoing> behind() {
        if (behind == null) {
            behind = new ArrayDeque<>(4);
        }
        return behind;
    }

    /** Must hold the lock. @return the first waiting message, taken off the queue, or {@code null} */
    private Outgoing poll() {
        Outgoing next = first;
        if (next != null) {
            waiting--;
            first = waiting == 0 ? null : behind.poll();
        }
        return next;
    }

    /** Must hold the lock. Forgets every waiting message. */
    private void discardBacklog() {
        first = null;
        if (behind != null) {
            behind.clear();
        }
        waiting = 0;
        queuedBytes = 0;
        pendingStatus = null;
    }

    /** Must hold the lock. Accepts nothing more, queues the close frame and arms the abort timer. */
    private void queueClose(int code, String reason) {
        closing = true;
        append(new Close(code, reason));
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
        if (!writer.isClosed()) {
            LOG.info("Client {} did not take its close frame within {} ms; aborting the connection",
                    connection.get().remoteAddress(), ABORT_GRACE_MILLIS);
            writer.abort();
        }
    }

    /**
     * Must hold the lock. Takes the writer's turn if it is free and something is waiting.
     *
     * @return what the caller must now write (with {@link #writeFrom}), or {@code null}
     */
    private Outgoing claim(long now) {
        return turn == Turn.IDLE ? takeNext(now) : null;
    }

    /**
     * Must hold the lock, and the turn (or find it idle).
     *
     * @param now {@link System#nanoTime()}, read once by the caller for everything it times
     * @return the next write, or {@code null} (the turn is then idle)
     */
    private Outgoing takeNext(long now) {
        Outgoing next = poll();
        if (next instanceof Text text) {
            take(text);
            if (gathers && waiting > 0 && writer.fitsOneFrame(text.payload)) {
                next = gather(text);
            }
        }
        inFlight = next;
        if (next == null) {
            turn = Turn.IDLE;
            inFlightSince = 0;
        } else {
            turn = Turn.WRITING;
            inFlightSince = now;
            batchInFlight = waiting > 0;
        }
        return next;
    }

    /**
     * Holding the writer's turn, never the lock: writes {@code next}, and what follows it for as
     * long as each write completes within the call.
     */
    private void writeFrom(Outgoing next) {
        while (next != null) {
            boolean completedInCall;
            try {
                completedInCall = issue(next);
            } catch (Throwable e) {
                // As Jetty's IteratingCallback: whatever the write threw (even an OutOfMemoryError for
                // a direct buffer), the turn must be given back and a write of Jetty's waiting for it released.
                failed(e);
                completedInCall = false;
            }
            next = finishWrite(completedInCall);
        }
    }

    /** @return whether the write completed within the call (then its callback, this queue, is not called) */
    private boolean issue(Outgoing next) {
        if (next instanceof Text text) {
            // Jetty's path batches while a backlog drains; the last frame of the backlog flushes it.
            return textChannel != null ? writeStraight(text.payload) : writer.text(text.payload, this, batchInFlight);
        } else if (next instanceof Gathered gathered) {
            return writer.texts(gathered.payloads(), gathered.count(), this);
        } else if (next instanceof Close close) {
            return writer.close(close.code(), close.reason(), this);
        } else if (next instanceof Ping ping) {
            return writer.ping(ping.payload(), this);
        } else {
            return writer.pong(((Pong) next).payload(), this);
        }
    }

    /**
     * Writes a text message's frame straight to the socket channel ({@link FrameWriter#directText()}),
     * one {@code write(2)}; only what the socket does not take goes through the writer, to Jetty's
     * write flusher. Every close of the connection stops this queue before its close frame is
     * written ({@link #stop}, or the queue's own {@link Close}), so nothing follows a close frame.
     *
     * @return whether the socket took it all (then this queue, the callback, is not called)
     */
    private boolean writeStraight(ByteBuffer payload) {
        ByteBuffer frame = textFrames.frame(FrameEncoder.TEXT, payload).slice();
        try {
            textChannel.write(frame);
        } catch (IOException e) {
            failed(new EofException(e)); // as the endpoint's flush reports it
            return false;
        }
        if (!frame.hasRemaining()) {
            return true;
        }
        writer.writeRest(this, frame);
        return false;
    }

    /** The write in flight completed (Jetty's callback, possibly within the writer's call). */
    @Override
    public void succeeded() {
        writer.completed();
        writeFrom(finishWrite(false));
    }

    /**
     * Called once the writer's call has returned, and by the write's completion: whichever comes
     * second reports the write and takes the next one. A write that completed within the call
     * ({@code completedInCall}: the socket took it all, the fan-out's common case) ends both ways
     * at once, with one pass through the lock.
     *
     * @return the next write, which the caller now holds the turn for, or {@code null}
     */
    private Outgoing finishWrite(boolean completedInCall) {
        Outgoing done;
        Outgoing next;
        Runnable drained = null;
        Runnable handOver = null;
        int messages;
        synchronized (this) {
            if (turn == Turn.WRITING && !completedInCall) {
                turn = Turn.HALF_DONE;
                return null;
            }
            done = inFlight;
            messages = messagesIn(done);
            long now = System.nanoTime();
            if (messages > 0) {
                sent += messages;
                lastSendCompletedNanos = now;
            }
            next = takeNext(now);
            if (next == null) {
                if (drainWanted) {
                    drainWanted = false;
                    drained = onDrained;
                }
                handOver = afterLastWrite;
                afterLastWrite = null;
            }
        }
        if (messages > 0) {
            reportSent(done, messages);
        }
        if (drained != null) {
            drained.run();
        }
        if (handOver != null) {
            handOver.run();
        }
        return next;
    }

    /**
     * Jetty's writes do not block, so Jetty may complete a write (and the next one be started) on
     * its selector thread instead of dispatching to its thread pool.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Must hold the lock. Takes a polled text message for writing: no longer replaceable. */
    private void take(Text text) {
        if (text == pendingStatus) {
            pendingStatus = null;
        }
        text.taken = true;
        queuedBytes -= text.payload.remaining();
    }

    /**
     * Must hold the lock. Takes the text messages that follow {@code first} (direct writer only) for
     * one gathering write.
     *
     * @return {@code first} alone, or the gathered messages with it
     */
    private Outgoing gather(Text first) {
        int bytes = first.payload.remaining();
        if (!nextJoins(1, bytes)) {
            return first; // what waits behind it does not join: no array for a gathering write
        }
        ByteBuffer[] payloads = new ByteBuffer[MAX_GATHER];
        payloads[0] = first.payload;
        int count = 1;
        while (nextJoins(count, bytes)) {
            Text text = (Text) poll();
            take(text);
            payloads[count++] = text.payload;
            bytes += text.payload.remaining();
        }
        return new Gathered(payloads, count);
    }

    /**
     * Must hold the lock.
     *
     * @return whether the next waiting message joins a gathering write that holds {@code count}
     *     messages of {@code bytes} so far
     */
    private boolean nextJoins(int count, int bytes) {
        return count < MAX_GATHER && first instanceof Text text && writer.fitsOneFrame(text.payload)
                && bytes + text.payload.remaining() <= MAX_GATHER_BYTES;
    }

    private static int messagesIn(Outgoing write) {
        return write instanceof Text ? 1 : write instanceof Gathered gathered ? gathered.count() : 0;
    }

    /**
     * Reports the {@code messages} text messages of a completed write (a {@link Text} or
     * {@link Gathered}); never under the lock.
     */
    private void reportSent(Outgoing done, int messages) {
        context.outbound().sent(messages);
        if (!events.hasListeners()) {
            return; // without a listener, not even the connection's view is reached: one cache miss less per delivery
        }
        ConnectionInfo info = connection.get();
        if (done instanceof Text text) {
            events.messageSent(info, text.payload.remaining());
        } else {
            Gathered gathered = (Gathered) done;
            for (int i = 0; i < gathered.count(); i++) {
                events.messageSent(info, gathered.payloads()[i].remaining());
            }
        }
    }

    /**
     * The write in flight failed (the connection is gone or going): the backlog is dropped and
     * nothing more is accepted. Nothing of the failed write counts as sent.
     */
    @Override
    public void failed(Throwable cause) {
        writer.completed();
        Runnable handOver = null;
        synchronized (this) {
            closing = true;
            discardBacklog();
            inFlight = null;
            if (turn == Turn.WRITING) {
                turn = Turn.HALF_DONE; // the call's return goes on, and finds nothing to write
            } else if (turn == Turn.HALF_DONE) {
                turn = Turn.IDLE;
                inFlightSince = 0;
                handOver = afterLastWrite;
                afterLastWrite = null;
            }
        }
        if (cause instanceof IOException) { // the connection is gone or going: expected
            LOG.debug("Sending to client {} failed; its queue is discarded", connection.get().remoteAddress(), cause);
        } else {
            LOG.warn("Sending to client {} failed unexpectedly; its queue is discarded", connection.get().remoteAddress(),
                    cause);
        }
        if (handOver != null) {
            handOver.run();
        }
    }
}
