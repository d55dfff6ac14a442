package io.hydrogen.ws.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

    /** A frame as the scanner reports it: opcode and payload. */
    private record Seen(int opcode, String payload) {
    }

    private static final List<Seen> FRAMES = List.of(
            new Seen(0x1, "{\"type\":\"status\",\"seq\":1}"),         // 7-bit length
            new Seen(0x9, "ping"),                                    // a control frame in between
            new Seen(0x1, ""),                                        // empty
            new Seen(0x1, "x".repeat(125)),                           // the largest 7-bit length
            new Seen(0x1, "y".repeat(126)),                           // the smallest 16-bit length
            new Seen(0x1, "z".repeat(70_000)),                        // 64-bit length
            new Seen(0x8, "\u0003\u00e8"));                           // close 1000

    @Test
    void findsEveryFrameOfOneReadInPlace() {
        byte[] stream = serverFrames(FRAMES, false);
        ByteBuffer buffer = ByteBuffer.allocateDirect(stream.length + 7);
        buffer.put(stream).flip();
        FrameScanner scanner = new FrameScanner();

        scanner.start(buffer);
        List<Seen> seen = drain(scanner, buffer);

        assertThat(seen).containsExactlyElementsOf(FRAMES);
        assertThat(scanner.rest()).isSameAs(FrameScanner.NOTHING);
        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(stream.length);
    }

    @Test
    void aFrameSplitAcrossTwoReadsAtAnyByteCompletesInTheSecond() {
        byte[] stream = serverFrames(FRAMES.subList(0, 5), false);
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        for (int split = 0; split <= stream.length; split++) {
            List<Seen> seen = readInChunks(stream, new int[] {split, stream.length - split}, buffer);
            assertThat(seen).as("split at byte %d", split).containsExactlyElementsOf(FRAMES.subList(0, 5));
        }
    }

    @Test
    void manyFramesInReadsOfRandomSizesComeOutWholeAndInOrder() {
        Random random = new Random(12);
        List<Seen> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int opcode = i % 17 == 0 ? 0x9 : 0x1;
            int length = opcode == 0x9 ? random.nextInt(126) : random.nextInt(i % 50 == 0 ? 66_000 : 600);
            frames.add(new Seen(opcode, "a".repeat(length)));
        }
        byte[] stream = serverFrames(frames, true);
        List<Integer> chunks = new ArrayList<>(); // what each read() returns: 1..3000 bytes
        for (int at = 0; at < stream.length; at += chunks.get(chunks.size() - 1)) {
            chunks.add(Math.min(stream.length - at, 1 + random.nextInt(3000)));
        }

        List<Seen> seen = readInChunks(stream, chunks.stream().mapToInt(Integer::intValue).toArray(),
                ByteBuffer.allocateDirect(256 * 1024));

        assertThat(seen).containsExactlyElementsOf(frames);
    }

    @Test
    void anIncompleteHeaderIsKeptWhole() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {(byte) 0x81, 126, 1}); // 16-bit length, one byte of it
        FrameScanner scanner = new FrameScanner();
        scanner.start(buffer);

        assertThat(scanner.next()).isFalse();
        assertThat(scanner.rest()).containsExactly(0x81, 126, 1);
    }

    /** Feeds {@code stream} in reads of the given sizes, carrying what is left as the reader does. */
    private static List<Seen> readInChunks(byte[] stream, int[] chunkSizes, ByteBuffer buffer) {
        FrameScanner scanner = new FrameScanner();
        List<Seen> seen = new ArrayList<>();
        byte[] carry = FrameScanner.NOTHING;
        int at = 0;
        for (int size : chunkSizes) {
            buffer.clear();
            buffer.put(carry);
            buffer.put(stream, at, size); // what one read() returns
            at += size;
            buffer.flip();
            scanner.start(buffer);
            seen.addAll(drain(scanner, buffer));
            carry = scanner.rest();
        }
        assertThat(carry).isEmpty();
        return seen;
    }

    private static List<Seen> drain(FrameScanner scanner, ByteBuffer buffer) {
        List<Seen> seen = new ArrayList<>();
        while (scanner.next()) {
            byte[] payload = new byte[scanner.payloadLength()];
            buffer.get(scanner.payloadOffset(), payload);
            seen.add(new Seen(scanner.opcode(), new String(payload, StandardCharsets.ISO_8859_1)));
        }
        return seen;
    }

    /** @return unmasked server frames; with {@code minimalLengths} false, also a 64-bit length for a 16-bit size */
    static byte[] serverFrames(List<Seen> frames, boolean minimalLengths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Seen frame : frames) {
            byte[] payload = frame.payload().getBytes(StandardCharsets.ISO_8859_1);
            out.write(0x80 | frame.opcode());
            int n = payload.length;
            if (n < 126) {
                out.write(n);
            } else if (n <= 0xFFFF && (minimalLengths || n < 1000)) {
                out.write(126);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) n >> shift));
                }
            }
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }
}
