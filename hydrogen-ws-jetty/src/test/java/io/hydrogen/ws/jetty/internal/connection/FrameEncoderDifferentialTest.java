package io.hydrogen.ws.jetty.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * {@link FrameEncoder} replaces Jetty's {@code Generator} for the frames the direct path writes.
 * These properties hold it to Jetty's own generator and parser: the same bytes for every frame
 * Jetty would generate (every opcode, both fin values, masked and unmasked, all three length
 * encodings: 0..125, 126..65535 and more), random frame sequences with fragmented messages and
 * control frames between the fragments read back by Jetty's parser in random chunks, and invalid
 * frames refused where Jetty's parser refuses the bytes Jetty's generator makes of them.
 */
class FrameEncoderDifferentialTest {

    /** One frame as the tests describe it. */
    record Spec(byte opcode, boolean fin, byte[] payload, byte[] mask) {
        Frame toJetty() {
            Frame frame = new Frame(opcode, fin, ByteBuffer.wrap(payload.clone()));
            if (mask != null) {
                frame.setMask(mask.clone());
            }
            return frame;
        }

        ByteBuffer encode() {
            return FrameEncoder.encode(opcode, fin, ByteBuffer.wrap(payload), mask);
        }

        boolean isControl() {
            return (opcode & 0x08) != 0;
        }

        @Override
        public String toString() {
            return "Spec[opcode=" + opcode + ", fin=" + fin + ", length=" + payload.length + ", mask="
                    + Arrays.toString(mask) + "]";
        }
    }

    @Property(tries = 300)
    void sameBytesAsJettysGenerator(@ForAll("validFrames") Spec spec) {
        assertThat(bytes(spec.encode())).isEqualTo(jettyBytes(spec.toJetty()));
    }

    @Property(tries = 100)
    void jettysParserReadsBackWhatItEncodes(@ForAll("validFrames") Spec spec, @ForAll @IntRange(min = 1,
            max = 70_000) int chunk) {
        List<Spec> parsed = parse(spec.encode(), chunk);
        assertThat(parsed).hasSize(1);
        assertSameFrame(parsed.get(0), spec);
    }

    /**
     * Messages of random length, split into random fragments, with pings and pongs between the
     * fragments (as RFC 6455 allows), masked like a client's or not like a server's; the stream is
     * parsed by Jetty in chunks of random size.
     */
    @Property(tries = 100)
    void jettysParserReadsFragmentedSequencesWithControlFramesBetween(@ForAll("sequences") List<Spec> frames,
            @ForAll @IntRange(min = 1, max = 4096) int chunk) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Spec frame : frames) {
            stream.writeBytes(bytes(frame.encode()));
        }
        List<Spec> parsed = parse(ByteBuffer.wrap(stream.toByteArray()), chunk);
        assertThat(parsed).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            assertSameFrame(parsed.get(i), frames.get(i));
        }
    }

    @Property(tries = 100)
    void refusesWhatJettysParserRefuses(@ForAll("invalidFrames") Spec spec) {
        assertThatThrownBy(spec::encode).isInstanceOf(IllegalArgumentException.class);
        // Jetty's generator does not check; its parser refuses what the generator made.
        Frame jetty = new Frame((byte) 0, spec.fin(), ByteBuffer.wrap(spec.payload()));
        byte[] wire = jettyBytes(jetty);
        wire[0] = (byte) ((wire[0] & 0xF0) | spec.opcode());
        assertThatThrownBy(() -> parse(ByteBuffer.wrap(wire), wire.length)).isInstanceOf(WebSocketException.class);
    }

    @Example
    void lengthEncodingBoundaries() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 70_000}) {
            Spec spec = new Spec(FrameEncoder.TEXT, true, new byte[length], null);
            ByteBuffer frame = spec.encode();
            int header = length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
            assertThat(frame.remaining()).as("frame of %d bytes", length).isEqualTo(header + length);
            assertThat(bytes(frame)).isEqualTo(jettyBytes(spec.toJetty()));
        }
    }

    @Example
    void leavesThePayloadAsItWas() {
        ByteBuffer payload = ByteBuffer.wrap("xx{\"type\":\"status\"}".getBytes()).position(2);
        FrameEncoder.encode(FrameEncoder.TEXT, true, payload, new byte[] {1, 2, 3, 4});
        assertThat(payload.position()).isEqualTo(2);
        assertThat(new String(payload.array())).isEqualTo("xx{\"type\":\"status\"}");
    }

    @Example
    void sharedFramesAreEncodedOncePerPayloadAndMovedToADirectBufferOnceShared() {
        EncodedFrames frames = new EncodedFrames();
        ByteBuffer payload = ByteBuffer.wrap("{\"seq\":1}".getBytes());
        byte[] expected = jettyBytes(new Frame((byte) 1, true, payload.duplicate()));
        ByteBuffer first = frames.frame(FrameEncoder.TEXT, payload);
        assertThat(first.isDirect()).as("a one-off frame stays on the heap").isFalse();
        ByteBuffer shared = frames.frame(FrameEncoder.TEXT, payload);
        assertThat(shared.isDirect()).as("the second recipient makes it a publication").isTrue();
        assertThat(frames.frame(FrameEncoder.TEXT, payload)).isSameAs(shared);
        assertThat(frames.frame(FrameEncoder.PING, payload)).isNotSameAs(shared);
        assertThat(first.isReadOnly()).isTrue();
        assertThat(shared.isReadOnly()).isTrue();
        assertThat(bytes(first)).isEqualTo(expected);
        assertThat(bytes(shared)).isEqualTo(expected);
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<Spec> validFrames() {
        Arbitrary<Byte> opcodes = Arbitraries.of(FrameEncoder.CONTINUATION, FrameEncoder.TEXT, FrameEncoder.BINARY,
                FrameEncoder.PING, FrameEncoder.PONG, FrameEncoder.CLOSE);
        return Combinators.combine(opcodes, Arbitraries.of(true, false), lengths(), masks(), Arbitraries.longs())
                .as((opcode, fin, length, mask, seed) -> {
                    boolean control = (opcode & 0x08) != 0;
                    byte[] payload = opcode == FrameEncoder.CLOSE ? closePayload(Math.min(length, 125), seed)
                            : payload(control ? Math.min(length, 125) : length, seed);
                    return new Spec(opcode, fin || control, payload, mask);
                });
    }

    @Provide
    Arbitrary<Spec> invalidFrames() {
        Arbitrary<Spec> oversizedControl = Combinators.combine(Arbitraries.of(FrameEncoder.CLOSE, FrameEncoder.PING,
                FrameEncoder.PONG), Arbitraries.integers().between(126, 70_000), Arbitraries.longs())
                .as((opcode, length, seed) -> new Spec(opcode, true, payload(length, seed), null));
        Arbitrary<Spec> fragmentedControl = Combinators.combine(Arbitraries.of(FrameEncoder.CLOSE, FrameEncoder.PING,
                FrameEncoder.PONG), Arbitraries.integers().between(0, 125), Arbitraries.longs())
                .as((opcode, length, seed) -> new Spec(opcode, false, payload(length, seed), null));
        Arbitrary<Spec> unknownOpcode = Combinators.combine(Arbitraries.of((byte) 3, (byte) 4, (byte) 5, (byte) 6,
                (byte) 7, (byte) 11, (byte) 12, (byte) 13, (byte) 14, (byte) 15), Arbitraries.integers().between(0, 300),
                Arbitraries.longs()).as((opcode, length, seed) -> new Spec(opcode, true, payload(length, seed), null));
        return Arbitraries.oneOf(oversizedControl, fragmentedControl, unknownOpcode);
    }

    @Provide
    Arbitrary<List<Spec>> sequences() {
        Arbitrary<List<Spec>> message = Combinators.combine(Arbitraries.of(FrameEncoder.TEXT, FrameEncoder.BINARY),
                Arbitraries.integers().between(0, 3000), Arbitraries.integers().between(1, 5), masks(),
                Arbitraries.longs(), Arbitraries.integers().between(0, 3))
                .as(FrameEncoderDifferentialTest::fragmented);
        return message.list().ofMinSize(1).ofMaxSize(8).map(messages -> {
            List<Spec> all = new ArrayList<>();
            messages.forEach(all::addAll);
            return all;
        });
    }

    /** A message of {@code length} bytes in {@code fragments} frames, with control frames between them. */
    private static List<Spec> fragmented(byte opcode, int length, int fragments, byte[] mask, long seed,
            int controls) {
        Random random = new Random(seed);
        byte[] message = payload(length, seed);
        List<Spec> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < fragments; i++) {
            int end = i == fragments - 1 ? length : start + random.nextInt(length - start + 1);
            frames.add(new Spec(i == 0 ? opcode : FrameEncoder.CONTINUATION, i == fragments - 1,
                    Arrays.copyOfRange(message, start, end), mask));
            if (i < fragments - 1 && random.nextInt(4) < controls) {
                frames.add(new Spec(random.nextBoolean() ? FrameEncoder.PING : FrameEncoder.PONG, true,
                        payload(random.nextInt(126), random.nextLong()), mask));
            }
            start = end;
        }
        return frames;
    }

    /** Lengths from all three encodings, with their boundaries. */
    private static Arbitrary<Integer> lengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 125)),
                Tuple.of(3, Arbitraries.integers().between(126, 65_535)),
                Tuple.of(1, Arbitraries.integers().between(65_536, 140_000)),
                Tuple.of(2, Arbitraries.of(0, 1, 125, 126, 127, 65_535, 65_536)));
    }

    private static Arbitrary<byte[]> masks() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).injectNull(0.4);
    }

    /** A close frame's payload that Jetty's parser accepts: empty, or a code and an ASCII reason. */
    private static byte[] closePayload(int length, long seed) {
        if (length < 2) {
            return new byte[0];
        }
        Random random = new Random(seed);
        byte[] bytes = new byte[length];
        bytes[0] = (byte) (1000 >> 8);
        bytes[1] = (byte) 1000;
        for (int i = 2; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    private static byte[] payload(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    // ---- Jetty's side ------------------------------------------------------------------------

    private static byte[] jettyBytes(Frame frame) {
        ByteBuffer out = BufferUtil.allocate(frame.getPayloadLength() + Generator.MAX_HEADER_LENGTH);
        new Generator().generateWholeFrame(frame, out);
        return bytes(out);
    }

    /** Parses {@code wire} with Jetty's parser, fed in pieces of {@code chunk} bytes. */
    private static List<Spec> parse(ByteBuffer wire, int chunk) {
        Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        configuration.setMaxFrameSize(Long.MAX_VALUE);
        configuration.setAutoFragment(false);
        Parser parser = new Parser(new ByteBufferPool.NonPooling(), configuration);
        List<Spec> frames = new ArrayList<>();
        byte[] all = bytes(wire);
        for (int start = 0; start < all.length; start += chunk) {
            ByteBuffer piece = ByteBuffer.wrap(Arrays.copyOfRange(all, start, Math.min(all.length, start + chunk)));
            while (piece.hasRemaining()) {
                Frame.Parsed frame = parser.parse(piece);
                if (frame == null) {
                    break;
                }
                // Jetty unmasks the payload as it parses, and then zeroes the key: keep only whether there was one.
                byte[] mask = frame.isMasked() ? new byte[4] : null;
                frames.add(new Spec(frame.getOpCode(), frame.isFin(), bytes(frame.getPayload()), mask));
                frame.close();
            }
            assertThat(piece.hasRemaining()).as("Jetty's parser consumes every chunk").isFalse();
        }
        return frames;
    }

    private static void assertSameFrame(Spec actual, Spec expected) {
        assertThat(actual.opcode()).as("opcode").isEqualTo(expected.opcode());
        assertThat(actual.fin()).as("fin").isEqualTo(expected.fin());
        // The masking key's bytes are checked against Jetty's generator; the parser tells only its presence.
        assertThat(actual.mask() != null).as("masked").isEqualTo(expected.mask() != null);
        assertThat(actual.payload()).as("payload").isEqualTo(expected.payload());
    }

    /** @return the remaining bytes of {@code buffer} (none for {@code null}), its position unchanged */
    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
