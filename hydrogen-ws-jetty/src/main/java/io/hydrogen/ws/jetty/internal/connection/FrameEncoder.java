package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;

/**
 * Encodes one whole WebSocket frame (RFC 6455 section 5.2: header, optional mask, payload) into a
 * single buffer. A server frame is unmasked, so its bytes are the same for every recipient and can
 * be built once per publication. Proven byte for byte against Jetty's own {@code Generator} and
 * read back by Jetty's {@code Parser} in {@code FrameEncoderDifferentialTest}.
 */
final class FrameEncoder {

    static final byte CONTINUATION = 0x0;
    static final byte TEXT = 0x1;
    static final byte BINARY = 0x2;
    static final byte CLOSE = 0x8;
    static final byte PING = 0x9;
    static final byte PONG = 0xA;

    /** RFC 6455 section 5.5: a control frame's payload is at most 125 bytes. */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private FrameEncoder() {
    }

    /**
     * @param opcode one of the RFC 6455 opcodes above
     * @param fin whether this is the final fragment (control frames must be final)
     * @param payload the payload's remaining bytes; neither its position nor its content changes
     * @param mask the 4-byte masking key of a client frame, or {@code null} for a server frame
     * @return a new heap buffer holding exactly the frame, position 0
     * @throws IllegalArgumentException for a frame RFC 6455 forbids: an unknown opcode, a fragmented
     *     or oversized control frame, a mask that is not 4 bytes
     */
    static ByteBuffer encode(byte opcode, boolean fin, ByteBuffer payload, byte[] mask) {
        int length = payload.remaining();
        boolean control = (opcode & 0x08) != 0;
        if (opcode != CONTINUATION && opcode != TEXT && opcode != BINARY && opcode != CLOSE && opcode != PING
                && opcode != PONG) {
            throw new IllegalArgumentException("unknown opcode " + opcode);
        }
        if (control && (!fin || length > MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("a control frame must be final and carry at most "
                    + MAX_CONTROL_PAYLOAD + " bytes (opcode " + opcode + ", fin " + fin + ", " + length + " bytes)");
        }
        if (mask != null && mask.length != 4) {
            throw new IllegalArgumentException("a masking key has 4 bytes, not " + mask.length);
        }
        int header = 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + (mask == null ? 0 : 4);
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode));
        int maskBit = mask == null ? 0 : 0x80;
        if (length <= 125) {
            frame.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (maskBit | 126));
            frame.putShort((short) length);
        } else {
            frame.put((byte) (maskBit | 127));
            frame.putLong(length);
        }
        int start = payload.position();
        if (mask == null) {
            frame.put(payload.duplicate());
        } else {
            frame.put(mask);
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload.get(start + i) ^ mask[i & 3]));
            }
        }
        return frame.flip();
    }
}
