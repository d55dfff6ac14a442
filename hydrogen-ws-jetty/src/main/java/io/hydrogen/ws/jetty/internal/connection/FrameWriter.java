package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.util.Callback;

/**
 * How one connection's frames reach the wire: for its {@link OutboundQueue}, the only caller, which
 * starts a write only when the previous one has completed. Two kinds: {@link PlainWebSocketConnection}
 * (the standalone server's own WebSocket connection, which writes every frame itself) and
 * {@link SessionFrameWriter} (a connection on Jetty's WebSocket session).
 *
 * <p>Every write method returns {@code true} if the socket took it all within the call: the write
 * is over and its callback is not called; {@code false} if the callback completes it (perhaps
 * within the call).
 */
interface FrameWriter {

    /** @return whether text, ping and pong frames go straight to the endpoint (and {@link #texts} may be used) */
    boolean isDirect();

    /**
     * Writes one text message. {@code batch} lets Jetty's session gather frames while a backlog
     * drains (the direct path gathers with {@link #texts}).
     */
    boolean text(ByteBuffer payload, Callback callback, boolean batch);

    /**
     * Writes several text messages with one gathering write; only for a direct writer
     * ({@link #isDirect()}) and payloads {@link #fitsOneFrame(ByteBuffer) that fit one frame}.
     */
    boolean texts(ByteBuffer[] payloads, int count, Callback callback);

    /** @return whether a text message of this payload goes out as one frame */
    boolean fitsOneFrame(ByteBuffer payload);

    /** Writes a ping frame. */
    boolean ping(ByteBuffer payload, Callback callback);

    /** Answers a client's ping. */
    boolean pong(ByteBuffer payload, Callback callback);

    /** Starts the close handshake with a close frame of this code and reason. */
    boolean close(int code, String reason, Callback callback);

    /**
     * A write that its callback completes has completed or failed (called first thing by the
     * callback): a write of Jetty's that waited for it may go out now ({@link FanOutEndPoint}).
     */
    void completed();

    /**
     * @return the socket channel and the server's frames with which the caller may write a text
     *     message's frame straight to the socket itself, at its turn as through {@link #text}, or
     *     {@code null} if every frame goes through this writer. The fan-out's path: at thousands of
     *     connections each object a delivery touches is a cache miss, and the lines it claims push
     *     the kernel's socket state out of the caches (docs/performance.md, "What a delivery's
     *     footprint costs the kernel"); so a delivery does not touch its writer unless the socket
     *     does not take the whole frame ({@link #writeRest}). The caller must not write after the
     *     close handshake has begun: every close of this writer's connection stops the caller's
     *     writes first.
     */
    default DirectText directText() {
        return null;
    }

    /** What {@link #directText()} offers: the connection's socket channel and the server's frames. */
    record DirectText(SocketChannel channel, EncodedFrames frames) {
    }

    /**
     * Hands what the socket did not take of a frame written through {@link #directText()} to
     * Jetty's write flusher; {@code callback} completes the write.
     *
     * @throws UnsupportedOperationException if this writer offers no {@link #directText()}
     */
    default void writeRest(Callback callback, ByteBuffer rest) {
        throw new UnsupportedOperationException("this writer offers no direct text path");
    }

    /** @return whether the connection is closed */
    boolean isClosed();

    /** Closes the TCP connection without a close frame. */
    void abort();
}
