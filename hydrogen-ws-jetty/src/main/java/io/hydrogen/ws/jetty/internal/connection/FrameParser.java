package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;

/**
 * Reads the frames a client sends (RFC 6455 section 5) for the standalone server's own WebSocket connection, with
 * the checks Jetty's parser, frame validation and frame sequence make for a server without
 * extensions: known opcode, no RSV bit, masked, control frames final and at most 125 bytes, no
 * continuation outside a message and no new message inside one, a valid close payload (status code,
 * UTF-8 reason). A violation throws Jetty's exception for it, which carries the close code (1002,
 * 1007, 1009).
 *
 * <p>A data frame is returned as it arrives: each call returns what the buffer holds of its payload
 * as one fragment (the first with the frame's opcode, the rest as continuations, the last with the
 * frame's FIN bit), unmasked in place. So nothing is aggregated and a frame of any length costs no
 * memory of its own; the message size limit is the message assembler's, as with Jetty's
 * auto-fragmenting parser. A header, and a control frame (at most 139 bytes with its header), is
 * returned only once the buffer holds all of it; until then its bytes stay in the buffer, for the
 * caller to keep and read more behind them.
 *
 * <p>Proven against Jetty's own parser and validation in {@code FrameParserDifferentialTest}. One
 * reader at a time; not thread-safe.
 */
final class FrameParser {

    /** The longest frame the buffer must be able to hold whole: a control frame and its header. */
    static final int MAX_WHOLE_FRAME = 14 + FrameEncoder.MAX_CONTROL_PAYLOAD;

    private int mask;            // the frame's masking key, big-endian (an int: no array per connection)
    private long payloadLeft;    // payload bytes of the data frame being read, not yet returned
    private byte frameOpcode;    // that frame's opcode, until its first fragment is returned
    private boolean frameFin;
    private int maskOffset;      // where in the mask that frame's next payload byte starts
    private boolean inMessage;   // a fragmented message has begun and not ended
    private boolean closeRead;

    /**
     * @param buffer bytes read from the client, in flush mode; its payload bytes are unmasked in
     *     place, and its position moves past what is returned
     * @return the next frame or fragment, or {@code null} if {@code buffer} does not hold enough of
     *     it yet (what it holds stays unread)
     * @throws WebSocketException a protocol violation; the connection is to be closed with its
     *     status code
     */
    Frame parse(ByteBuffer buffer) throws WebSocketException {
        if (payloadLeft > 0) {
            return fragment(buffer);
        }
        if (buffer.remaining() < 2) {
            return null;
        }
        if (closeRead) {
            throw new ProtocolException("frame after CLOSE");
        }
        int start = buffer.position();
        byte first = buffer.get(start);
        byte second = buffer.get(start + 1);
        boolean fin = (first & 0x80) != 0;
        byte opcode = (byte) (first & 0x0F);
        int shortLength = second & 0x7F;
        check(first, opcode, fin, (second & 0x80) != 0, shortLength);
        int lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
        int headerLength = 2 + lengthBytes + 4;
        if (buffer.remaining() < headerLength) {
            return null;
        }
        long length = switch (lengthBytes) {
            case 2 -> buffer.getShort(start + 2) & 0xFFFF;
            case 8 -> buffer.getLong(start + 2);
            default -> shortLength;
        };
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new MessageTooLargeException("Frame payload exceeded integer max value");
        }
        boolean control = OpCode.isControlFrame(opcode);
        if (control && buffer.remaining() < headerLength + length) {
            return null;
        }
        mask = buffer.getInt(start + headerLength - 4);
        maskOffset = 0;
        buffer.position(start + headerLength);
        if (control) {
            return control(buffer, opcode, (int) length);
        }
        inMessage = !fin;
        frameOpcode = opcode;
        frameFin = fin;
        payloadLeft = length;
        if (length == 0) {
            return new Frame(opcode, fin, BufferUtil.EMPTY_BUFFER);
        }
        return fragment(buffer);
    }

    /** What the first two bytes tell, checked before the rest of the frame is read. */
    private void check(byte first, byte opcode, boolean fin, boolean masked, int shortLength) {
        if (!OpCode.isKnown(opcode)) {
            throw new ProtocolException("Unknown opcode: " + opcode);
        }
        if ((first & 0x70) != 0) {
            throw new ProtocolException("RSV bits set, but no extension was negotiated");
        }
        if (!masked) {
            throw new ProtocolException("Client MUST mask all frames (RFC-6455: Section 5.1)");
        }
        if (OpCode.isControlFrame(opcode)) {
            if (!fin) {
                throw new ProtocolException("Fragmented Control Frame [" + OpCode.name(opcode) + "]");
            }
            if (shortLength > FrameEncoder.MAX_CONTROL_PAYLOAD) {
                throw new ProtocolException("Invalid control frame payload length");
            }
        } else if (opcode == OpCode.CONTINUATION) {
            if (!inMessage) {
                throw new ProtocolException("CONTINUATION after fin==true");
            }
        } else if (inMessage) {
            throw new ProtocolException("DataFrame before fin==true");
        }
    }

    private Frame control(ByteBuffer buffer, byte opcode, int length) {
        ByteBuffer payload = unmask(buffer, length);
        if (opcode == OpCode.CLOSE) {
            closeRead = true;
            new CloseStatus(payload); // Jetty's checks: the status code, the reason's UTF-8
        }
        return new Frame(opcode, true, payload);
    }

    private Frame fragment(ByteBuffer buffer) {
        int length = (int) Math.min(payloadLeft, buffer.remaining());
        if (length == 0) {
            return null;
        }
        ByteBuffer payload = unmask(buffer, length);
        payloadLeft -= length;
        byte opcode = frameOpcode;
        frameOpcode = OpCode.CONTINUATION;
        return new Frame(opcode, frameFin && payloadLeft == 0, payload);
    }

    /** @return the next {@code length} bytes of {@code buffer}, unmasked in place */
    private ByteBuffer unmask(ByteBuffer buffer, int length) {
        int start = buffer.position();
        for (int i = 0; i < length; i++) {
            int keyByte = mask >>> (24 - 8 * ((maskOffset + i) & 3));
            buffer.put(start + i, (byte) (buffer.get(start + i) ^ keyByte));
        }
        maskOffset = (maskOffset + length) & 3;
        buffer.position(start + length);
        return buffer.slice(start, length);
    }
}
