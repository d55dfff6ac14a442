package io.hydrogen.ws.jetty.internal.connection;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritePendingException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The socket endpoint of the standalone server's connections: Jetty's own, with four changes for
 * the fan-out, where every status tick is one write per connection.
 *
 * <ul>
 *   <li>The connection's {@link OutboundQueue} writes straight to the socket ({@link #writeOwn});
 *       Jetty's write flusher (a state machine with two atomic transitions per write) takes over
 *       only for what the socket does not take at once.
 *   <li>A write of one buffer is one {@code write(2)}: Jetty's endpoint always gathers, so the JDK
 *       builds an I/O vector and the kernel imports it even for a single buffer.
 *   <li>It tells whether anything but a connection's {@link OutboundQueue} (through
 *       {@link #writeOwn}) has written since the WebSocket opened: on Jetty's session, Jetty's
 *       close frames. Until then the {@link SessionFrameWriter} need not ask Jetty's session, under
 *       its lock, whether the output is still open before each frame.
 *   <li>Any other write ({@link #write}: Jetty's) that finds one of the queue's writes on the wire
 *       waits for it (where Jetty's write flusher would refuse it), and the queue does not write
 *       while another write is on the wire: so nothing interleaves, and Jetty's close frame for a
 *       protocol error reaches the client even while status pushes flow, instead of the
 *       connection dropping without it.
 * </ul>
 *
 * A {@link PlainWebSocketConnection} needs none of that: it (and its queue, for text frames)
 * writes every frame itself, one at a time, straight to the socket channel, and hands only what
 * the socket did not take to Jetty's write flusher ({@link #writeRest}); the idle check counts its
 * writes ({@link #checkIdleTimeout()}).
 *
 * Connectors the host made (an embedded {@code HydrogenContextHandler}) keep Jetty's endpoint; the
 * frame writer then asks the session every time.
 */
public final class FanOutEndPoint extends SocketChannelEndPoint {

    private static final VarHandle DEFERRED;

    static {
        try {
            DEFERRED = MethodHandles.lookup().findVarHandle(FanOutEndPoint.class, "deferred", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean othersWrote;
    // Who writes: the queue (own) or Jetty. Each side sets its own flag and then reads the other's
    // (all volatile, so they cannot both miss each other): the queue backs off if Jetty writes, and
    // Jetty's write waits in deferred for the queue's; the CAS on deferred lets exactly one thread
    // start it.
    private volatile boolean ownInFlight;
    private volatile boolean jettyInFlight;
    private volatile Runnable deferred;

    /** As Jetty's {@code ServerConnector.newEndPoint} creates its endpoint. */
    public FanOutEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        if (buffers.length != 1 || buffers[0] == null) {
            return super.flush(buffers);
        }
        ByteBuffer buffer = buffers[0];
        int written;
        try {
            written = getChannel().write(buffer);
        } catch (IOException e) {
            throw new EofException(e); // as Jetty's flush
        }
        if (written > 0) {
            notIdle();
        }
        return !buffer.hasRemaining();
    }

    /**
     * A write of Jetty's (its HTTP response, its WebSocket frames): remembered, and if one of the
     * queue's writes is on the wire, started once that one has completed ({@link #ownWriteDone()}).
     */
    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        othersWrote = true;
        jettyInFlight = true;
        if (!ownInFlight) {
            jettyWrite(callback, buffers);
            return;
        }
        Runnable task = () -> jettyWrite(callback, buffers);
        if (!DEFERRED.compareAndSet(this, null, task)) {
            throw new WritePendingException(); // Jetty writes one at a time: a second one is Jetty's own error
        }
        if (!ownInFlight) {
            startDeferred(task); // the queue's write completed meanwhile, perhaps before it saw the task
        }
    }

    private void jettyWrite(Callback callback, ByteBuffer[] buffers) {
        super.write(new JettyWrite(callback), buffers);
    }

    /** Jetty's callback, told once its write is over (Jetty may start its next write from it). */
    private final class JettyWrite implements Callback {
        private final Callback callback;

        JettyWrite(Callback callback) {
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            jettyInFlight = false;
            callback.succeeded();
        }

        @Override
        public void failed(Throwable cause) {
            jettyInFlight = false;
            callback.failed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }

    /** How a write of the queue's ({@link #writeOwn}) went within the call. */
    enum OwnWrite {
        /** Jetty is writing: nothing was written, and the callback is not called. */
        REFUSED,
        /** The socket took it all: the write is over, and the callback is not called. */
        COMPLETED,
        /** Jetty's write flusher has the rest (or the write failed): the callback completes it. */
        HANDED_OVER
    }

    /**
     * Writes a frame of the connection's own queue, which keeps its writes to one at a time. The
     * bytes go to the socket at once; Jetty's write flusher takes over only for what the socket
     * does not take, and the queue then reports the end with {@link #ownWriteDone()}.
     */
    OwnWrite writeOwn(Callback callback, ByteBuffer... buffers) {
        ownInFlight = true;
        if (jettyInFlight) {
            ownWriteDone();
            return OwnWrite.REFUSED;
        }
        try {
            if (flush(buffers)) {
                ownWriteDone();
                return OwnWrite.COMPLETED;
            }
        } catch (IOException e) {
            callback.failed(e);
            return OwnWrite.HANDED_OVER;
        }
        super.write(callback, buffers); // idle: Jetty's writes wait for ours
        return OwnWrite.HANDED_OVER;
    }

    /**
     * Hands what the socket did not take of a {@link PlainWebSocketConnection}'s write (or of its
     * queue's, which writes text frames itself: {@link FrameWriter#directText()}) to Jetty's write
     * flusher, without the hand-off of {@link #write}: that connection keeps its writes to one at a
     * time itself and lets nothing else write meanwhile.
     */
    void writeRest(Callback callback, ByteBuffer... rest) {
        super.write(callback, rest);
    }

    /**
     * As Jetty's check, with the writes of a {@link PlainWebSocketConnection} counted as activity:
     * it writes to the socket channel itself and records the time of its last write, instead of
     * calling {@link #notIdle()} on every write.
     */
    @Override
    protected long checkIdleTimeout() {
        if (getConnection() instanceof PlainWebSocketConnection plain && getIdleTimeout() > 0) {
            long lastWrite = plain.lastWriteNanos();
            long left = getIdleTimeout() - NanoTime.millisSince(lastWrite);
            if (lastWrite != 0 && left > 0) {
                return left; // written to within the timeout: not idle; checked again when it may be
            }
        }
        return super.checkIdleTimeout();
    }

    /** The queue's write has completed (or failed): a write of Jetty's waiting for it starts now. */
    void ownWriteDone() {
        ownInFlight = false;
        Runnable task = deferred;
        if (task != null) {
            startDeferred(task);
        }
    }

    private void startDeferred(Runnable task) {
        if (DEFERRED.compareAndSet(this, task, null)) {
            task.run();
        }
    }

    /** The WebSocket is open: what Jetty wrote before (the 101 response) no longer counts. */
    void opened() {
        othersWrote = false;
    }

    /** @return whether Jetty has written since {@link #opened()} */
    boolean othersWrote() {
        return othersWrote;
    }
}
