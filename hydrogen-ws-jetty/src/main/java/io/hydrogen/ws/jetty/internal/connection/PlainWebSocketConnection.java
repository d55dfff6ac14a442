package io.hydrogen.ws.jetty.internal.connection;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.CloseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server's own WebSocket connection, for plain ones (no TLS, no extension): what
 * {@link PlainUpgradeHandler} upgrades a handshake to. It reads the client's frames with
 * {@link FrameParser}, writes every frame itself, as pre-encoded bytes ({@link EncodedFrames}),
 * straight to the {@link FanOutEndPoint}, and runs the close handshake. Jetty keeps the connector,
 * selector, threads, the HTTP/1.1 upgrade and the idle timeout.
 *
 * <p>Why: per connection this keeps only itself, the parser's few fields and, only while a frame
 * header or a control frame is split between two reads, a read buffer; none of the upgrade request,
 * Jetty's WebSocket session, extension stack, flusher, parser or their buffers.
 *
 * <p>Frame events reach the {@link HydrogenConnection} through Jetty's {@link FrameHandler}
 * methods, as from Jetty's session. The handler must complete the callback of every frame but a
 * close frame within {@code onFrame}: reading goes on right after it, and the payload is a slice of
 * the read buffer that the next read reuses. The close frame's callback completes once the
 * connection's queue has no write in flight; only then is the close answered.
 *
 * <p>Writes: one at a time, all straight to the socket channel ({@link #writeNow}). Frames of the
 * {@link OutboundQueue} (this class is its {@link FrameWriter}) are one at a time by the queue's
 * turn, and the queue writes its text messages' frames to the channel itself
 * ({@link #directText()}), so that a delivery does not touch this object. The close frames this
 * connection writes on its own (the answer to the client's close, the close for a protocol error
 * or the idle timeout) are written once the queue has stopped and has no write in flight
 * ({@link HydrogenConnection#stopWritingThen}); the queue's own close frame is its last write.
 * Once a close frame is on its way no other frame is written: the queue has stopped, and a write
 * of its through this class would fail. Reading is one thread at a time
 * (Jetty's fill interest); the close state is under this object's lock, never held while calling
 * out.
 */
final class PlainWebSocketConnection extends AbstractConnection implements Connection.UpgradeTo, FrameWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PlainWebSocketConnection.class);
    /** As Jetty's WebSocket connection's default input buffer. */
    static final int INPUT_BUFFER_SIZE = 4096;
    static final String IDLE_TIMEOUT_REASON = "Connection Idle Timeout";

    private static final VarHandle LAST_WRITE;

    static {
        try {
            LAST_WRITE = MethodHandles.lookup().findVarHandle(PlainWebSocketConnection.class, "lastWriteNanos",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HydrogenConnection handler;
    private final FanOutEndPoint endPoint;
    private final SocketChannel channel;
    private final ByteBufferPool pool;
    private final EncodedFrames frames;
    private final long idleTimeoutMillis;
    private final FrameParser parser = new FrameParser();
    private final Delivery delivery = new Delivery();
    private RetainableByteBuffer input; // the reading thread's; null while no unread bytes wait
    // System.nanoTime() of the last write of writeNow that moved bytes, 0 before (the queue's own text
    // writes it records itself): the writer's turn sets it, the endpoint's idle check reads it
    // (opaque: no fence on the write path, no torn long).
    @SuppressWarnings("unused") // through LAST_WRITE
    private long lastWriteNanos;

    // The close handshake: changed under this object's lock. closeSent is volatile so that the
    // queue's writes read it without the lock.
    private volatile boolean closeSent; // a close frame of ours is written or on its way
    private boolean closeWritten; // ... and written, by the queue (after that, the client's close ends the connection)
    private boolean awaitAnswer;  // the queue's close waits for the client's (only an ordinary one, as Jetty's session)
    private boolean closeRead;    // the client's close frame was read
    private CloseStatus endStatus; // what the handler hears at the end, unless a close frame told it

    PlainWebSocketConnection(HydrogenConnection handler, FanOutEndPoint endPoint, Executor executor,
            ByteBufferPool pool, EncodedFrames frames, long idleTimeoutMillis) {
        super(endPoint, executor);
        this.handler = handler;
        this.endPoint = endPoint;
        this.channel = endPoint.getChannel();
        this.pool = pool;
        this.frames = frames;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    // ---- Jetty's connection events -------------------------------------------------------------

    /** Bytes the client sent behind its upgrade request, read with it: parsed first. */
    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        if (BufferUtil.hasContent(prefilled)) {
            input = pool.acquire(Math.max(INPUT_BUFFER_SIZE, prefilled.remaining()), true);
            BufferUtil.append(input.getByteBuffer(), prefilled);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        endPoint.setIdleTimeout(idleTimeoutMillis);
        handler.opened(this);
        if (input != null) {
            onFillable();
        } else {
            fillInterested();
        }
    }

    /** Reads and parses until the socket has nothing more, the client's close is read, or a frame is bad. */
    @Override
    public void onFillable() {
        try {
            while (true) {
                if (input != null && input.hasRemaining() && !parseAll(input.getByteBuffer())) {
                    releaseInput();
                    return;
                }
                if (input == null) {
                    input = pool.acquire(INPUT_BUFFER_SIZE, true);
                }
                int filled = endPoint.fill(input.getByteBuffer());
                if (filled < 0) { // the client is gone (or half-closed after its close frame)
                    releaseInput();
                    endPoint.close();
                    return;
                }
                if (filled == 0) {
                    if (!input.hasRemaining()) {
                        releaseInput(); // an idle connection holds no buffer
                    }
                    fillInterested();
                    return;
                }
            }
        } catch (IOException e) {
            releaseInput();
            endPoint.close(e);
        } catch (RuntimeException e) { // a bug: the buffer goes back to the pool, the client gets 1011
            releaseInput();
            closeForError(e);
        }
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        releaseInput(); // no read is running: the endpoint failed the one it waited for
        super.onFillInterestedFailed(cause);
    }

    /** Closes with 1001 (as Jetty's session does); a connection still idle while closing is closed by Jetty. */
    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        if (!startOwnClose(new CloseStatus(CloseStatus.SHUTDOWN, IDLE_TIMEOUT_REASON))) {
            return true;
        }
        LOG.debug("Client connection {} idle for {} ms; closing", endPoint.getRemoteSocketAddress(), idleTimeoutMillis);
        return false;
    }

    /** The connection is over: the handler hears how, unless a close frame told it already. */
    @Override
    public void onClose(Throwable cause) {
        CloseStatus status;
        synchronized (this) {
            status = endStatus;
        }
        super.onClose(cause);
        handler.onClosed(status != null ? status : new CloseStatus(CloseStatus.NO_CLOSE, "Session Closed"),
                Callback.NOOP);
    }

    // ---- reading -------------------------------------------------------------------------------

    /** @return whether to read on: every frame in {@code buffer} was handled, the rest kept at its start */
    private boolean parseAll(ByteBuffer buffer) {
        try {
            for (Frame frame = parser.parse(buffer); frame != null; frame = parser.parse(buffer)) {
                if (frame.getOpCode() == OpCode.CLOSE) {
                    closeRead(frame);
                    return false;
                }
                if (!delivery.deliver(frame)) {
                    return false;
                }
            }
        } catch (CloseException e) {
            closeForError(e);
            return false;
        }
        BufferUtil.compact(buffer);
        return true;
    }

    /** Hands frames to the handler with one reusable callback, which it completes within the call. */
    private final class Delivery implements Callback {
        private boolean done;
        private Throwable failure;

        /** @return whether the handler took the frame */
        boolean deliver(Frame frame) {
            done = false;
            failure = null;
            handler.onFrame(frame, this);
            if (failure != null || !done) {
                closeForError(failure != null ? failure
                        : new IllegalStateException("the handler did not complete a frame within onFrame"));
                return false;
            }
            return true;
        }

        @Override
        public void succeeded() {
            done = true;
        }

        @Override
        public void failed(Throwable cause) {
            failure = cause;
            done = true;
        }
    }

    /** The client's close frame: the handler hears of it, and once it is done the close is answered. */
    private void closeRead(Frame frame) {
        CloseStatus status = new CloseStatus(frame.getPayload()); // read now: the buffer is reused
        synchronized (this) {
            closeRead = true;
        }
        handler.onFrame(frame, Callback.from(() -> answerClose(status), this::closeForError));
    }

    private void answerClose(CloseStatus status) {
        boolean answer;
        boolean end;
        synchronized (this) {
            answer = !closeSent;
            closeSent = true;
            end = closeWritten;
        }
        if (answer) {
            writeCloseAndEnd(status); // echoes the client's status, as Jetty does
        } else if (end) {
            endPoint.close();
        }
        // else: ours is still on its way, and closeWritten() ends the connection
    }

    /** A bad frame, or a failure handling one: closes with its code, without waiting for the client. */
    private void closeForError(Throwable cause) {
        CloseStatus status;
        if (cause instanceof CloseException close) { // the client's fault, and Jetty's words for it
            LOG.debug("WebSocket error on client {}", endPoint.getRemoteSocketAddress(), cause);
            status = new CloseStatus(close.getStatusCode(), close.getMessage());
        } else {
            LOG.error("Internal error on client {}; closing with 1011", endPoint.getRemoteSocketAddress(), cause);
            status = new CloseStatus(CloseStatus.SERVER_ERROR, "internal error"); // never an exception's text
        }
        if (!startOwnClose(status)) {
            endPoint.close(); // a close was under way: the client gets no second one
        }
    }

    /** @return whether this call sent the close (else one was on its way already) */
    private boolean startOwnClose(CloseStatus status) {
        synchronized (this) {
            if (closeSent) {
                return false;
            }
            closeSent = true;
            if (endStatus == null) {
                endStatus = status;
            }
        }
        handler.stopWritingThen(() -> writeCloseAndEnd(status));
        return true;
    }

    /**
     * Writes a close frame of this connection's own, then ends the connection. Only once the queue
     * has no write in flight and accepts none: the endpoint takes one write at a time.
     */
    private void writeCloseAndEnd(CloseStatus status) {
        Callback end = Callback.from(endPoint::close, endPoint::close);
        if (writeNow(end, closeFrame(status.getCode(), status.getReason()))) {
            endPoint.close();
        }
    }

    private void releaseInput() {
        RetainableByteBuffer buffer = input;
        if (buffer != null) {
            input = null;
            buffer.release();
        }
    }

    // ---- the queue's writes (FrameWriter) ------------------------------------------------------

    @Override
    public boolean isDirect() {
        return true;
    }

    @Override
    public boolean fitsOneFrame(ByteBuffer payload) {
        return true; // this connection never splits a message
    }

    @Override
    public DirectText directText() {
        return new DirectText(channel, frames);
    }

    @Override
    public void writeRest(Callback callback, ByteBuffer rest) {
        endPoint.writeRest(callback, rest);
    }

    @Override
    public boolean text(ByteBuffer payload, Callback callback, boolean batch) {
        return write(callback, frames.frame(FrameEncoder.TEXT, payload).slice());
    }

    @Override
    public boolean texts(ByteBuffer[] payloads, int count, Callback callback) {
        return write(callback, frames.textFrames(payloads, count));
    }

    @Override
    public boolean ping(ByteBuffer payload, Callback callback) {
        return write(callback, frames.frame(FrameEncoder.PING, payload).slice());
    }

    @Override
    public boolean pong(ByteBuffer payload, Callback callback) {
        return write(callback, frames.frame(FrameEncoder.PONG, payload).slice());
    }

    /**
     * The queue's close frame. As on Jetty's session, an ordinary close (1000, or 3000 and up) waits
     * for the client's answer (or the queue's abort timer), and any other code ends the connection
     * once the frame is written.
     */
    @Override
    public boolean close(int code, String reason, Callback callback) {
        synchronized (this) {
            if (closeSent) {
                return true; // ours is out already: nothing more to write
            }
            closeSent = true;
            awaitAnswer = CloseStatus.isOrdinary(code);
            if (endStatus == null) {
                endStatus = new CloseStatus(code, reason);
            }
        }
        Callback written = Callback.from(() -> {
            callback.succeeded();
            closeWritten();
        }, callback::failed);
        if (writeNow(written, closeFrame(code, reason))) {
            closeWritten();
            return true;
        }
        return false;
    }

    private void closeWritten() {
        boolean end;
        synchronized (this) {
            closeWritten = true;
            end = closeRead || !awaitAnswer;
        }
        if (end) {
            endPoint.close();
        }
    }

    /** Nothing to do: no write of Jetty's waits for ours on this connection's endpoint. */
    @Override
    public void completed() {
    }

    @Override
    public boolean isClosed() {
        return !endPoint.isOpen();
    }

    @Override
    public void abort() {
        endPoint.close();
    }

    private boolean write(Callback callback, ByteBuffer... wire) {
        if (closeSent) { // a close frame of this connection's is on its way
            callback.failed(new ClosedChannelException());
            return false;
        }
        return writeNow(callback, wire);
    }

    /**
     * Writes straight to the socket channel, without touching the endpoint (a cache miss per
     * delivery at thousands of connections): one {@code write(2)} for one buffer, one
     * {@code writev(2)} for several. What the socket does not take, Jetty's write flusher writes
     * ({@link FanOutEndPoint#writeRest}), and the endpoint's idle check counts these writes as
     * activity ({@link #lastWriteNanos()}). Callers keep writes to one at a time.
     *
     * @return whether the socket took it all (the callback is then not called)
     */
    private boolean writeNow(Callback callback, ByteBuffer... wire) {
        try {
            long written = wire.length == 1 ? channel.write(wire[0]) : channel.write(wire);
            if (written > 0) {
                LAST_WRITE.setOpaque(this, System.nanoTime());
            }
        } catch (IOException e) {
            callback.failed(new EofException(e)); // as the endpoint's flush reports it
            return false;
        }
        if (!wire[wire.length - 1].hasRemaining()) {
            return true;
        }
        endPoint.writeRest(callback, wire);
        return false;
    }

    /**
     * @return {@link System#nanoTime()} of the last write that moved bytes, this connection's own
     *     or its queue's text writes ({@link #directText()}), 0 if none did
     */
    long lastWriteNanos() {
        long own = (long) LAST_WRITE.getOpaque(this);
        long queue = handler.lastSendCompletedNanos();
        if (own == 0 || queue == 0) {
            return own == 0 ? queue : own;
        }
        return queue - own > 0 ? queue : own; // nanoTime values compare by difference
    }

    private static ByteBuffer closeFrame(int code, String reason) {
        ByteBuffer payload = CloseStatus.isTransmittableStatusCode(code) ? CloseStatus.asPayloadBuffer(code, reason)
                : BufferUtil.EMPTY_BUFFER; // a close without a status code is answered with none
        return FrameEncoder.encode(FrameEncoder.CLOSE, true, payload, null);
    }
}
