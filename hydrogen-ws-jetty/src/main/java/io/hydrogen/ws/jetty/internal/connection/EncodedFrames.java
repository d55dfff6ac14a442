package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;

/**
 * The server frames of recent publications, encoded once each: a status tick, topic update or
 * event reaches every queue as the same payload buffer, so its frame (header and payload in one
 * buffer) is looked up by that buffer's identity and built only for the first recipient. One per
 * server; thread-safe without locks.
 *
 * <p>A frame is first encoded into a heap buffer. When a second recipient asks for it, it is a
 * publication, and the frame is copied once into a direct buffer: the socket write then takes it as
 * it is, where a heap buffer is copied into a temporary direct buffer by the JDK on every write.
 * One-off frames (replies, pings) never cost a direct allocation.
 *
 * <p>The table is small and direct-mapped: a slot holds the last payload that hashed to it, so a
 * collision (or a one-off reply) only costs encoding that frame again. Payloads over
 * {@link #MAX_CACHED_PAYLOAD} are not kept, which bounds what the table holds alive to
 * {@code SLOTS * 2 * MAX_CACHED_PAYLOAD} (heap and direct). Slots are written racily: an entry is
 * immutable (final fields), so a reader sees either a whole entry or an older one, and at worst
 * encodes (or copies) again.
 */
public final class EncodedFrames {

    private static final int SLOTS = 64; // a power of two
    static final int MAX_CACHED_PAYLOAD = 16 * 1024;

    private record Entry(ByteBuffer payload, byte opcode, ByteBuffer frame) {
    }

    private final Entry[] slots = new Entry[SLOTS];

    /**
     * @param payload a payload buffer as queued (shared, never modified); its remaining bytes are framed
     * @return the whole unmasked, final frame: a read-only buffer shared with other recipients, of
     *     which each write must take its own {@link ByteBuffer#slice() slice}
     */
    ByteBuffer frame(byte opcode, ByteBuffer payload) {
        int slot = System.identityHashCode(payload) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && entry.payload == payload && entry.opcode == opcode) {
            if (entry.frame.isDirect()) {
                return entry.frame;
            }
            ByteBuffer shared = ByteBuffer.allocateDirect(entry.frame.remaining()).put(entry.frame.duplicate()).flip()
                    .asReadOnlyBuffer();
            slots[slot] = new Entry(payload, opcode, shared); // not read back: another payload may take the slot
            return shared;
        }
        ByteBuffer frame = FrameEncoder.encode(opcode, true, payload, null).asReadOnlyBuffer();
        if (payload.remaining() <= MAX_CACHED_PAYLOAD) {
            slots[slot] = new Entry(payload, opcode, frame);
        }
        return frame;
    }

    /**
     * @return the text frames of the first {@code count} payloads, each a slice of its own, for
     *     one gathering write
     */
    ByteBuffer[] textFrames(ByteBuffer[] payloads, int count) {
        ByteBuffer[] wire = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            wire[i] = frame(FrameEncoder.TEXT, payloads[i]).slice();
        }
        return wire;
    }
}
