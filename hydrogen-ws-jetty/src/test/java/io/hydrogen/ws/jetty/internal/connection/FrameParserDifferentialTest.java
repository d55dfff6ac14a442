package io.hydrogen.ws.jetty.internal.connection;

import static io.hydrogen.ws.jetty.internal.connection.FrameEncoderDifferentialTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.websocket.core.Behavior;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.WebSocketException;
import org.eclipse.jetty.websocket.core.internal.FrameSequence;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.eclipse.jetty.websocket.core.util.FrameValidation;

/**
 * {@link FrameParser} replaces Jetty's inbound framing for the standalone server's plain
 * connections. These properties hold it to what Jetty's own parser, frame validation (as a server
 * without extensions) and frame sequence check make of the same bytes: random client streams
 * (messages of every length encoding split into fragments, control frames between the fragments,
 * a close frame or not), each with or without one violation of RFC 6455 at a random place (RSV
 * bits, unknown opcodes, an unmasked frame, fragmented or oversized control frames, every kind of
 * bad close payload, continuation out of place, a new message inside one, a 64-bit length, a frame
 * after the close), read in random chunks into a read buffer of random size. Both sides must
 * deliver the same control frames and whole messages, in the same order, and stop at the same
 * violation with the same close code.
 */
class FrameParserDifferentialTest {

    /** A client stream and where it was cut into reads. */
    record Stream(byte[] bytes, String violation) {
        @Override
        public String toString() {
            return "Stream[" + bytes.length + " bytes, violation=" + violation + "]";
        }
    }

    @Property(tries = 400)
    void deliversWhatJettyDeliversAndStopsWhereJettyStops(@ForAll("streams") Stream stream,
            @ForAll @IntRange(min = 1, max = 5000) int chunk,
            @ForAll @IntRange(min = FrameParser.MAX_WHOLE_FRAME, max = 4096) int bufferSize) {
        // Both unmask in place: each reads its own copy.
        List<String> jetty = jetty(stream.bytes().clone(), chunk);
        List<String> ours = ours(stream.bytes().clone(), chunk, bufferSize);
        assertThat(ours).isEqualTo(jetty);
        if (stream.violation() != null) {
            assertThat(ours.get(ours.size() - 1)).as("a violation ends the stream").startsWith("ERROR");
        } else {
            assertThat(ours).noneMatch(event -> event.startsWith("ERROR"));
        }
    }

    @Example
    void deliversALongFrameAsFragmentsUnmaskedAndNeverHoldsItWhole() {
        byte[] message = new byte[70_000];
        new Random(7).nextBytes(message);
        byte[] wire = bytes(FrameEncoder.encode(FrameEncoder.BINARY, true, ByteBuffer.wrap(message),
                new byte[] {1, 2, 3, 4}));
        FrameParser parser = new FrameParser();
        ByteBuffer read = ByteBuffer.allocate(4096);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int fragments = 0;
        boolean fin = false;
        for (int offset = 0; offset < wire.length; ) {
            int n = Math.min(read.remaining(), wire.length - offset);
            read.put(wire, offset, n);
            offset += n;
            read.flip();
            for (Frame frame = parser.parse(read); frame != null; frame = parser.parse(read)) {
                assertThat(frame.getOpCode()).isEqualTo(fragments == 0 ? OpCode.BINARY : OpCode.CONTINUATION);
                assertThat(fin).as("nothing after the last fragment").isFalse();
                fin = frame.isFin();
                received.writeBytes(bytes(frame.getPayload()));
                fragments++;
            }
            read.compact();
        }
        assertThat(fin).isTrue();
        assertThat(fragments).isGreaterThanOrEqualTo(70_000 / 4096);
        assertThat(received.toByteArray()).isEqualTo(message);
    }

    @Example
    void waitsForAWholeControlFrameAndLeavesItsBytesUnread() {
        byte[] wire = bytes(FrameEncoder.encode(FrameEncoder.PING, true, ByteBuffer.wrap(new byte[100]),
                new byte[] {9, 9, 9, 9}));
        FrameParser parser = new FrameParser();
        ByteBuffer part = ByteBuffer.wrap(wire, 0, 50);
        assertThat(parser.parse(part)).isNull();
        assertThat(part.position()).isZero();
        Frame ping = parser.parse(ByteBuffer.wrap(wire));
        assertThat(ping.getOpCode()).isEqualTo(OpCode.PING);
        assertThat(bytes(ping.getPayload())).isEqualTo(new byte[100]);
    }

    // ---- the two readers -----------------------------------------------------------------------

    /** Jetty's parser (whole frames), then its validation and sequence check, as its server session makes them. */
    private static List<String> jetty(byte[] wire, int chunk) {
        Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        configuration.setMaxFrameSize(Long.MAX_VALUE);
        configuration.setAutoFragment(false);
        Parser parser = new Parser(new ByteBufferPool.NonPooling(), configuration);
        CoreSession session = new CoreSession.Empty() {
            @Override
            public Behavior getBehavior() {
                return Behavior.SERVER;
            }

            @Override
            public long getMaxFrameSize() {
                return 0; // no limit: Hydrogen's limit is on messages
            }
        };
        FrameSequence sequence = new FrameSequence();
        Events events = new Events();
        try {
            for (int start = 0; start < wire.length; start += chunk) {
                ByteBuffer piece = ByteBuffer.wrap(wire, start, Math.min(chunk, wire.length - start)).slice();
                for (Frame.Parsed frame = parser.parse(piece); frame != null; frame = parser.parse(piece)) {
                    FrameValidation.assertValidIncoming(frame, session);
                    sequence.check(frame.getOpCode(), frame.isFin());
                    events.frame(frame);
                    frame.close();
                }
            }
        } catch (WebSocketException e) {
            events.error(e);
        }
        return events.list;
    }

    /** Ours, as the connection reads: into a buffer of its size, compacted between reads. */
    private static List<String> ours(byte[] wire, int chunk, int bufferSize) {
        FrameParser parser = new FrameParser();
        ByteBuffer read = ByteBuffer.allocate(bufferSize);
        Events events = new Events();
        try {
            int offset = 0;
            while (offset < wire.length) {
                int n = Math.min(Math.min(chunk, read.remaining()), wire.length - offset);
                assertThat(n).as("the read buffer has room for the next read").isPositive();
                read.put(wire, offset, n);
                offset += n;
                read.flip();
                for (Frame frame = parser.parse(read); frame != null; frame = parser.parse(read)) {
                    events.frame(frame);
                }
                read.compact();
            }
        } catch (WebSocketException e) {
            events.error(e);
        }
        return events.list;
    }

    /** Control frames and whole messages, in order; then the close code of the violation, if any. */
    private static final class Events {
        final List<String> list = new ArrayList<>();
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private byte messageOpcode;

        void frame(Frame frame) {
            byte opcode = frame.getOpCode();
            if (OpCode.isControlFrame(opcode)) {
                String detail = opcode == OpCode.CLOSE ? closeStatus(frame) : hex(frame.getPayload());
                list.add(OpCode.name(opcode) + " " + detail);
                return;
            }
            if (opcode != OpCode.CONTINUATION) {
                messageOpcode = opcode;
            }
            message.writeBytes(bytes(frame.getPayload()));
            if (frame.isFin()) {
                list.add(OpCode.name(messageOpcode) + " " + HexFormat.of().formatHex(message.toByteArray()));
                message.reset();
            }
        }

        void error(WebSocketException e) {
            list.add("ERROR " + (e instanceof org.eclipse.jetty.websocket.core.exception.CloseException close
                    ? close.getStatusCode() : -1));
        }

        private static String closeStatus(Frame frame) {
            CloseStatus status = new CloseStatus(frame.getPayload());
            return status.getCode() + " " + status.getReason();
        }

        private static String hex(ByteBuffer payload) {
            return HexFormat.of().formatHex(bytes(payload));
        }
    }

    // ---- generators ----------------------------------------------------------------------------

    @Provide
    Arbitrary<Stream> streams() {
        return Arbitraries.longs().map(FrameParserDifferentialTest::stream);
    }

    private static final String[] VIOLATIONS = {"rsv", "unknown opcode", "unmasked", "fragmented control",
        "oversized control", "close of one byte", "bad close code", "bad close reason", "lone continuation",
        "message inside a message", "64-bit length", "frame after close"};

    /** A client stream from one seed: a few messages and control frames, perhaps one violation. */
    private static Stream stream(long seed) {
        Random random = new Random(seed);
        List<byte[]> frames = new ArrayList<>();
        int messages = 1 + random.nextInt(5);
        for (int m = 0; m < messages; m++) {
            message(random, frames);
            if (random.nextInt(3) == 0) {
                frames.add(masked(random, random.nextBoolean() ? OpCode.PING : OpCode.PONG, true,
                        randomBytes(random, random.nextInt(126))));
            }
        }
        String violation = random.nextInt(3) == 0 ? null : VIOLATIONS[random.nextInt(VIOLATIONS.length)];
        if (violation != null) {
            violate(random, frames, violation);
        } else if (random.nextBoolean()) {
            frames.add(masked(random, OpCode.CLOSE, true, closePayload(1000, "bye")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return new Stream(out.toByteArray(), violation);
    }

    /** A message of random length and kind in 1 to 4 frames, with pings and pongs between them. */
    private static void message(Random random, List<byte[]> frames) {
        int length = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(126);
            case 1 -> 126 + random.nextInt(65_536 - 126);
            case 2 -> 65_536 + random.nextInt(10_000);
            default -> new int[] {0, 125, 126, 127, 65_535, 65_536}[random.nextInt(6)];
        };
        byte opcode = random.nextBoolean() ? OpCode.TEXT : OpCode.BINARY;
        byte[] message = randomBytes(random, length);
        int fragments = 1 + random.nextInt(4);
        int start = 0;
        for (int i = 0; i < fragments; i++) {
            int end = i == fragments - 1 ? length : start + random.nextInt(length - start + 1);
            byte[] part = new byte[end - start];
            System.arraycopy(message, start, part, 0, part.length);
            frames.add(masked(random, i == 0 ? opcode : OpCode.CONTINUATION, i == fragments - 1, part));
            if (i < fragments - 1 && random.nextBoolean()) {
                frames.add(masked(random, random.nextBoolean() ? OpCode.PING : OpCode.PONG, true,
                        randomBytes(random, random.nextInt(126))));
            }
            start = end;
        }
    }

    /** Puts one violation of RFC 6455 into {@code frames}, at a random frame boundary where it is one. */
    private static void violate(Random random, List<byte[]> frames, String violation) {
        int at = random.nextInt(frames.size() + 1);
        byte[] small = randomBytes(random, random.nextInt(100));
        switch (violation) {
            case "rsv" -> {
                byte[] frame = frames.get(random.nextInt(frames.size()));
                frame[0] |= (byte) (0x10 << random.nextInt(3));
            }
            case "unknown opcode" -> {
                byte[] frame = masked(random, OpCode.BINARY, true, small);
                frame[0] = (byte) (0x80 | new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}[random.nextInt(10)]);
                frames.add(boundary(frames, at), frame);
            }
            case "unmasked" -> frames.add(boundary(frames, at), bytes(FrameEncoder.encode(
                    random.nextBoolean() ? OpCode.PING : OpCode.TEXT, true, ByteBuffer.wrap(small), null)));
            case "fragmented control" -> {
                byte[] frame = masked(random, OpCode.PING, true, small);
                frame[0] &= 0x7F;
                frames.add(at, frame);
            }
            case "oversized control" -> {
                byte[] frame = masked(random, OpCode.BINARY, true, randomBytes(random, 126 + random.nextInt(300)));
                frame[0] = (byte) (0x80 | new byte[] {OpCode.PING, OpCode.PONG, OpCode.CLOSE}[random.nextInt(3)]);
                frames.add(at, frame);
            }
            case "close of one byte" -> frames.add(at, masked(random, OpCode.CLOSE, true, new byte[] {3}));
            case "bad close code" -> {
                int[] codes = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65_535};
                frames.add(at, masked(random, OpCode.CLOSE, true, closePayload(codes[random.nextInt(codes.length)], "")));
            }
            case "bad close reason" -> {
                byte[] reason = {'o', 'k', (byte) 0xC3, (byte) 0x28};
                byte[] payload = closePayload(1000, "");
                byte[] bad = new byte[payload.length + reason.length];
                System.arraycopy(payload, 0, bad, 0, payload.length);
                System.arraycopy(reason, 0, bad, payload.length, reason.length);
                frames.add(at, masked(random, OpCode.CLOSE, true, bad));
            }
            case "lone continuation" -> frames.add(boundary(frames, at), masked(random, OpCode.CONTINUATION,
                    random.nextBoolean(), small));
            case "message inside a message" -> {
                frames.add(masked(random, OpCode.TEXT, false, small));
                frames.add(masked(random, random.nextBoolean() ? OpCode.TEXT : OpCode.BINARY, true, small));
            }
            case "64-bit length" -> {
                ByteBuffer frame = ByteBuffer.allocate(14);
                frame.put((byte) 0x82).put((byte) (0x80 | 127)).putLong(0x8000_0000_0000_0000L | random.nextLong())
                        .putInt(random.nextInt());
                frames.add(boundary(frames, at), frame.array());
            }
            case "frame after close" -> {
                frames.add(masked(random, OpCode.CLOSE, true, closePayload(1001, "going")));
                frames.add(masked(random, OpCode.PING, true, small));
            }
            default -> throw new IllegalArgumentException(violation);
        }
    }

    /**
     * @return {@code at}, or the end if {@code at} is inside a fragmented message (where a data
     *     frame would be a different violation)
     */
    private static int boundary(List<byte[]> frames, int at) {
        boolean inMessage = false;
        for (int i = 0; i < at; i++) {
            byte opcode = (byte) (frames.get(i)[0] & 0x0F);
            if (!OpCode.isControlFrame(opcode)) {
                inMessage = (frames.get(i)[0] & 0x80) == 0;
            }
        }
        return inMessage ? frames.size() : at;
    }

    private static byte[] masked(Random random, byte opcode, boolean fin, byte[] payload) {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        // Encoded with Jetty's opcode; FrameEncoder checks only what a server may send, so control
        // frames are built as binary frames and relabelled.
        boolean control = OpCode.isControlFrame(opcode);
        byte[] frame = bytes(FrameEncoder.encode(control ? OpCode.BINARY : opcode, fin || control,
                ByteBuffer.wrap(payload), mask));
        frame[0] = (byte) ((frame[0] & 0xF0) | opcode);
        if (control && !fin) {
            frame[0] &= 0x7F;
        }
        return frame;
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
