package io.hydrogen.ws.benchmark.client;

import java.nio.ByteBuffer;

/**
 * Walks the complete server frames in a buffer in place, without copying or allocating: server
 * frames are not masked, so a frame is a 2, 4 or 10 byte header and its payload. What follows the
 * last complete frame (a frame split across reads) is handed back by {@link #rest()}, to be put in
 * front of the connection's next read. One scanner serves every connection of a reader thread, one
 * buffer at a time; not thread-safe.
 *
 * <pre>{@code
 * buffer.clear(); buffer.put(carry); channel.read(buffer); buffer.flip();
 * scanner.start(buffer);
 * while (scanner.next()) { ... scanner.opcode(), scanner.payloadOffset(), scanner.payloadLength() ... }
 * carry = scanner.rest();
 * }</pre>
 */
final class FrameScanner {

    /** What {@link #rest()} returns when every byte belonged to a complete frame. */
    static final byte[] NOTHING = new byte[0];

    private ByteBuffer buffer;
    private int end;
    /** Where the first byte not yet returned as part of a complete frame is. */
    private int consumed;
    private int opcode;
    private int payload;
    private int length;

    /** Starts scanning {@code buffer}'s bytes from 0 to its limit; the buffer's position and limit are kept. */
    void start(ByteBuffer buffer) {
        this.buffer = buffer;
        this.end = buffer.limit();
        this.consumed = 0;
    }

    /**
     * Moves to the next complete frame.
     *
     * @return false if the bytes left do not hold a complete frame
     */
    boolean next() {
        int at = consumed;
        if (end - at < 2) {
            return false;
        }
        long declared = buffer.get(at + 1) & 0x7F;
        int head = 2;
        if (declared == 126) {
            if (end - at < 4) {
                return false;
            }
            declared = ((buffer.get(at + 2) & 0xFF) << 8) | (buffer.get(at + 3) & 0xFF);
            head = 4;
        } else if (declared == 127) {
            if (end - at < 10) {
                return false;
            }
            declared = buffer.getLong(at + 2); // negative (invalid) never completes: the caller's size limit ends it
            head = 10;
        }
        if (declared < 0 || end - at - head < declared) {
            return false;
        }
        opcode = buffer.get(at) & 0x0F;
        payload = at + head;
        length = (int) declared;
        consumed = payload + length;
        return true;
    }

    /** @return the current frame's opcode (1 text, 8 close, 9 ping, ...) */
    int opcode() {
        return opcode;
    }

    /** @return where the current frame's payload starts in the buffer */
    int payloadOffset() {
        return payload;
    }

    /** @return the current frame's payload length in bytes */
    int payloadLength() {
        return length;
    }

    /**
     * @return the bytes after the last complete frame {@link #next()} returned (the start of a frame
     *     that a later read completes), or {@link #NOTHING}; the buffer's position and limit are kept
     */
    byte[] rest() {
        if (consumed >= end) {
            return NOTHING;
        }
        byte[] rest = new byte[end - consumed];
        buffer.get(consumed, rest);
        return rest;
    }
}
