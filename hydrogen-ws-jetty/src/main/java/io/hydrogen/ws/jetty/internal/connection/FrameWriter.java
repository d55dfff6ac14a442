package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;
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

    /** @return whether the connection is closed */
    boolean isClosed();

    /** Closes the TCP connection without a close frame. */
    void abort();
}
