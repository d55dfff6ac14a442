package io.hydrogen.ws.jetty.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue as the single writer of a socket, on Jetty's in-memory endpoint: its output buffer
 * holds only a few bytes until the test takes them, like a client that reads slowly. What reaches
 * the "wire" is read back with Jetty's parser; what goes through Jetty's frame path is logged by
 * a session stub, in the same log as the endpoint's writes, so the order of both is visible.
 */
class OutboundQueueWireTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ScheduledExecutorScheduler jettyScheduler;
    private ScheduledExecutorService scheduler;
    private SlowEndPoint endPoint;
    private JettyPath jettyPath;
    private OutboundQueue queue;

    /** An in-memory endpoint that logs each write it is asked for. */
    private final class SlowEndPoint extends ByteArrayEndPoint {
        SlowEndPoint() {
            super(jettyScheduler, 0, BufferUtil.EMPTY_BUFFER, 16, false);
        }

        @Override
        public void write(Callback callback, ByteBuffer... buffers) {
            log.add("write " + buffers.length);
            super.write(callback, buffers);
        }
    }

    /** Jetty's frame path, as the session's part of it: logs the frame and completes at once. */
    private final class JettyPath extends CoreSession.Empty {
        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            log.add(OpCode.name(frame.getOpCode()).toLowerCase() + " via jetty: " + frame.getPayloadAsUTF8());
            callback.succeeded();
        }

        @Override
        public void close(int statusCode, String reason, Callback callback) {
            log.add("close via jetty: " + statusCode);
            callback.succeeded();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        jettyScheduler = new ScheduledExecutorScheduler();
        jettyScheduler.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        endPoint = new SlowEndPoint();
        jettyPath = new JettyPath();
        ConnectionInfo info = ConnectionView.unauthenticated(1, "127.0.0.1:1");
        queue = new OutboundQueue(new SessionFrameWriter(jettyPath, endPoint, new EncodedFrames()),
                new OutboundQueue.Limits(100, 1 << 20, TimeUnit.MINUTES.toNanos(1)), () -> info,
                new Events(List.of()), new DefaultServerContext(), scheduler);
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        jettyScheduler.stop();
    }

    @Test
    void aBacklogGoesOutInOneWriteAndAWaitingStatusIsReplaced() {
        queue.enqueueStatus(utf8("{\"type\":\"status\",\"seq\":1}"), 1); // written at once, partly: the socket is full
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":1}"));
        queue.enqueueStatus(utf8("{\"type\":\"status\",\"seq\":2}"), 2);
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":2}"));
        queue.enqueueStatus(utf8("{\"type\":\"status\",\"seq\":3}"), 3); // replaces seq 2 where it waits

        assertThat(readWire()).containsExactly("{\"type\":\"status\",\"seq\":1}", "{\"type\":\"reply\",\"id\":1}",
                "{\"type\":\"status\",\"seq\":3}", "{\"type\":\"reply\",\"id\":2}");
        assertThat(log).containsExactly("write 1", "write 3");
        OutboundQueue.Snapshot snapshot = queue.snapshot();
        assertThat(snapshot.sent()).isEqualTo(4);
        assertThat(snapshot.conflated()).isEqualTo(1);
        assertThat(snapshot.queuedMessages()).isZero();
    }

    @Test
    void aPongGoesAheadOfWaitingMessagesButNotOfTheWriteInFlight() {
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":1}"));
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":2}"));
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":3}"));
        queue.pong(utf8("p"));

        List<Frame> frames = parse(drain());
        assertThat(frames).extracting(Frame::getOpCode)
                .containsExactly(OpCode.TEXT, OpCode.PONG, OpCode.TEXT, OpCode.TEXT);
        assertThat(frames).extracting(Frame::getPayloadAsUTF8).containsExactly("{\"type\":\"reply\",\"id\":1}", "p",
                "{\"type\":\"reply\",\"id\":2}", "{\"type\":\"reply\",\"id\":3}");
        assertThat(log).containsExactly("write 1", "write 1", "write 2"); // the two replies behind the pong gathered
    }

    @Test
    void aClientsCloseIsAnsweredOnlyOnceTheWriteInFlightHasCompleted() {
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":1}"));
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":2}"));
        AtomicBoolean answered = new AtomicBoolean();
        queue.stop(() -> answered.set(true));
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":3}")); // too late: ignored
        assertThat(answered).as("not while our frame is on the wire").isFalse();

        assertThat(readWire()).containsExactly("{\"type\":\"reply\",\"id\":1}");
        assertThat(answered).isTrue();
        assertThat(log).containsExactly("write 1");
    }

    @Test
    void aClientsCloseIsAnsweredAtOnceWhenNothingIsOnTheWire() {
        AtomicBoolean answered = new AtomicBoolean();
        queue.stop(() -> answered.set(true));
        assertThat(answered).isTrue();
    }

    @Test
    void whileJettyWritesAFrameOfItsOwnTheQueueUsesJettysPath() {
        endPoint.write(Callback.NOOP, utf8("a frame of Jetty's own, larger than the socket takes at once"));
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":1}"));
        assertThat(log).containsExactly("write 1", "write 1", "text via jetty: {\"type\":\"reply\",\"id\":1}");
    }

    @Test
    void pingsAndClosesShareTheSingleWriter() {
        queue.enqueue(utf8("{\"type\":\"reply\",\"id\":1}"));
        queue.ping(utf8("are you there"));
        queue.close(1001, "bye");
        List<Frame> frames = parse(drain());
        assertThat(frames).extracting(Frame::getOpCode).containsExactly(OpCode.TEXT, OpCode.PING);
        assertThat(frames.get(1).getPayloadAsUTF8()).isEqualTo("are you there");
        assertThat(log).containsExactly("write 1", "write 1", "close via jetty: 1001");
    }

    @Test
    void underConcurrentSendersEveryMessageGoesOutOnceWholeAndInEachSendersOrder() throws Exception {
        // A socket that takes a few frames at once: some writes complete within the call, others
        // are completed later by the reading thread, so the writer's turn changes hands both ways.
        ByteArrayEndPoint socket = new ByteArrayEndPoint(jettyScheduler, 0, BufferUtil.EMPTY_BUFFER, 200, false);
        OutboundQueue shared = new OutboundQueue(new SessionFrameWriter(jettyPath, socket, new EncodedFrames()),
                new OutboundQueue.Limits(1_000_000, 1L << 30, TimeUnit.MINUTES.toNanos(1)),
                () -> ConnectionView.unauthenticated(2, "127.0.0.1:2"), new Events(List.of()), new DefaultServerContext(),
                scheduler);
        int senders = 4;
        int perSender = 3_000;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sending = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int sender = t;
            sending.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perSender; i++) {
                    shared.enqueue(utf8(sender + ":" + i));
                }
                return null;
            }));
        }
        start.countDown();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (shared.snapshot().sent() < (long) senders * perSender && System.nanoTime() < deadline) {
            ByteBuffer out = socket.takeOutput(); // completes a write the socket did not take whole
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            wire.writeBytes(bytes);
        }
        for (Future<?> f : sending) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        ByteBuffer rest = socket.takeOutput();
        wire.writeBytes(Arrays.copyOfRange(rest.array(), rest.arrayOffset() + rest.position(),
                rest.arrayOffset() + rest.limit()));

        int[] next = new int[senders];
        int total = 0;
        for (Frame frame : parse(wire.toByteArray())) {
            assertThat(frame.getOpCode()).isEqualTo(OpCode.TEXT);
            String[] parts = frame.getPayloadAsUTF8().split(":");
            int sender = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).as("sender %d's order", sender).isEqualTo(next[sender]++);
            total++;
        }
        assertThat(total).isEqualTo(senders * perSender);
        assertThat(shared.snapshot().sent()).isEqualTo((long) senders * perSender);
        assertThat(shared.snapshot().queuedMessages()).isZero();
        assertThat(log).as("nothing went through Jetty's path").isEmpty();
    }

    // ---- the client's side -------------------------------------------------------------------

    /** @return the text messages the "client" reads once it takes everything the queue writes */
    private List<String> readWire() {
        List<String> texts = new ArrayList<>();
        for (Frame frame : parse(drain())) {
            assertThat(frame.getOpCode()).isEqualTo(OpCode.TEXT);
            assertThat(frame.isFin()).isTrue();
            texts.add(frame.getPayloadAsUTF8());
        }
        return texts;
    }

    /** Takes the endpoint's output until the queue writes no more (each take completes a pending write). */
    private byte[] drain() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int idle = 0; idle < 3; ) {
            ByteBuffer out = endPoint.takeOutput();
            if (out.hasRemaining()) {
                idle = 0;
                byte[] bytes = new byte[out.remaining()];
                out.get(bytes);
                wire.writeBytes(bytes);
            } else {
                idle++;
            }
        }
        return wire.toByteArray();
    }

    private static List<Frame> parse(byte[] wire) {
        Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        configuration.setMaxFrameSize(1 << 20);
        Parser parser = new Parser(new ByteBufferPool.NonPooling(), configuration);
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        List<Frame> frames = new ArrayList<>();
        Frame.Parsed frame;
        while (buffer.hasRemaining() && (frame = parser.parse(buffer)) != null) {
            frames.add(Frame.copy(frame));
        }
        assertThat(buffer.hasRemaining()).as("nothing but whole frames").isFalse();
        return frames;
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
