package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.connection.FanOutEndPoint.OwnWrite;
import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * How the frames of a connection on Jetty's WebSocket session reach the wire (a host's connector,
 * TLS, permessage-deflate, or a handshake the {@link PlainUpgradeHandler} left to Jetty).
 *
 * <p><b>Direct path</b> (plain TCP, no extension negotiated): text, ping and pong frames are
 * written as pre-encoded bytes ({@link EncodedFrames}: one buffer per publication, shared by every
 * recipient) with one write each, bypassing Jetty's per-frame machinery (frame object, extension
 * chain, frame flusher, generator, header buffer). On the standalone server's
 * {@link FanOutEndPoint} the bytes go straight to the socket; on a host's connector through the
 * {@link EndPoint}'s write flusher, which writes at once. Either way Jetty's write flusher takes
 * over only when the socket does not take all of it.
 *
 * <p><b>Jetty's path</b> ({@link CoreSession#sendFrame}): TLS, permessage-deflate, frames that
 * Jetty would fragment, close frames (Jetty's session must see those to run the close handshake),
 * and any frame whose direct write finds Jetty itself writing.
 *
 * <p>Why the two paths do not interleave on the wire. Jetty writes on its own only (1) the reply
 * to a client's close, which {@link HydrogenConnection} holds back until this connection's last
 * write has completed ({@link OutboundQueue#stop}), (2) pongs, which never happen because
 * the connection answers pings through its queue, and (3) the close frame of an error Jetty
 * detects itself (protocol violation, idle timeout). On {@link FanOutEndPoint} a write of Jetty's
 * waits for a direct write on the wire, and a direct write is not started while Jetty writes. On
 * a host's connector the endpoint's write flusher admits one write at a time (a second one throws
 * {@link WritePendingException} before writing a byte); there, in case (3), if a direct write is on
 * the wire at that instant, Jetty's close frame is refused and Jetty closes the connection without
 * it (the client sees 1006), which is the connection's end either way.
 *
 * <p>A direct write is not started once Jetty's session has closed its output. That check comes
 * just before the write, so only an error close written whole in the instant between the two
 * could be followed by one more of our frames, on a connection Jetty is closing at once. On
 * {@link FanOutEndPoint} the check asks Jetty's session (under its lock) only once Jetty has
 * written anything since the WebSocket opened: until then no close frame of Jetty's is on the
 * wire, and a frame of ours written before it is in order.
 */
final class SessionFrameWriter implements FrameWriter {

    private final CoreSession session;
    private final EndPoint direct; // null: Jetty's path only
    private final FanOutEndPoint fanOut; // the direct endpoint if it tells Jetty's writes apart, else null
    private final EncodedFrames frames;
    private final long maxUnfragmentedPayload; // Jetty splits longer text messages into frames

    SessionFrameWriter(CoreSession session, EndPoint direct, EncodedFrames frames) {
        this.session = session;
        this.direct = direct;
        this.fanOut = direct instanceof FanOutEndPoint tracked ? tracked : null;
        this.frames = frames;
        // Fixed once the connection is open (Hydrogen never changes them), so read once, not per
        // message. As in Jetty's FragmentingFlusher, a frame size limit of 0 or less splits nothing.
        long maxFrameSize = session.getMaxFrameSize();
        this.maxUnfragmentedPayload = session.isAutoFragment() && maxFrameSize > 0 ? maxFrameSize : Long.MAX_VALUE;
    }

    /**
     * @return a writer for {@code session}, just opened, with the direct path if the connection is
     *     plain TCP without extensions
     */
    static SessionFrameWriter of(CoreSession session, EncodedFrames frames) {
        EndPoint endPoint = null;
        if (session instanceof WebSocketCoreSession core && core.getConnection() != null && !core.isSecure()
                && core.getNegotiatedExtensions().isEmpty()
                && core.getConnection().getEndPoint() instanceof SocketChannelEndPoint plain) {
            endPoint = plain;
            if (plain instanceof FanOutEndPoint fanOut) {
                fanOut.opened();
            }
        }
        return new SessionFrameWriter(session, endPoint, frames);
    }

    @Override
    public boolean isDirect() {
        return direct != null;
    }

    @Override
    public boolean text(ByteBuffer payload, Callback callback, boolean batch) {
        return frame(FrameEncoder.TEXT, payload, callback, batch);
    }

    @Override
    public boolean texts(ByteBuffer[] payloads, int count, Callback callback) {
        ByteBuffer[] wire = frames.textFrames(payloads, count);
        OwnWrite direct = outputClosed() ? OwnWrite.REFUSED : tryWrite(callback, wire);
        if (direct == OwnWrite.REFUSED) {
            // Jetty's session closed its output or is writing: queue the same frames behind it.
            for (int i = 0; i < count; i++) {
                session.sendFrame(new Frame(OpCode.TEXT, payloads[i].slice()), i == count - 1 ? callback : Callback.NOOP,
                        i < count - 1);
            }
        }
        return direct == OwnWrite.COMPLETED;
    }

    @Override
    public boolean fitsOneFrame(ByteBuffer payload) {
        return payload.remaining() <= maxUnfragmentedPayload;
    }

    @Override
    public boolean ping(ByteBuffer payload, Callback callback) {
        return frame(FrameEncoder.PING, payload, callback, false);
    }

    @Override
    public boolean pong(ByteBuffer payload, Callback callback) {
        return frame(FrameEncoder.PONG, payload, callback, false);
    }

    /**
     * Writes one frame: directly if it can, else through Jetty's session (RFC 6455's opcodes are
     * Jetty's {@link OpCode}s).
     */
    private boolean frame(byte opcode, ByteBuffer payload, Callback callback, boolean batch) {
        OwnWrite direct = directWrite(opcode, payload, callback);
        if (direct == OwnWrite.REFUSED) {
            session.sendFrame(new Frame(opcode, payload.slice()), callback, batch);
        }
        return direct == OwnWrite.COMPLETED;
    }

    @Override
    public boolean close(int code, String reason, Callback callback) {
        session.close(code, reason, callback);
        return false;
    }

    @Override
    public void completed() {
        if (fanOut != null) {
            fanOut.ownWriteDone();
        }
    }

    @Override
    public boolean isClosed() {
        return session.isClosed();
    }

    @Override
    public void abort() {
        session.abort();
    }

    /** @return how the direct write went; {@link OwnWrite#REFUSED} if it is for Jetty's path */
    private OwnWrite directWrite(byte opcode, ByteBuffer payload, Callback callback) {
        if (direct == null || !fitsOneFrame(payload) || outputClosed()) {
            return OwnWrite.REFUSED;
        }
        return tryWrite(callback, frames.frame(opcode, payload).slice());
    }

    /** @return whether Jetty's session has closed its output (asked only if Jetty may have written) */
    private boolean outputClosed() {
        return (fanOut == null || fanOut.othersWrote()) && !session.isOutputOpen();
    }

    private OwnWrite tryWrite(Callback callback, ByteBuffer... wire) {
        if (fanOut != null) {
            return fanOut.writeOwn(callback, wire);
        }
        try {
            direct.write(callback, wire);
            return OwnWrite.HANDED_OVER;
        } catch (WritePendingException jettyIsWriting) {
            return OwnWrite.REFUSED;
        }
    }
}
