package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.context.DefaultServerContext;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-connection enqueue path of {@code OutboundQueue}, without a socket. Jetty's frame path:
 * the session is Jetty's no-op {@link CoreSession.Empty}, either completing every write at once
 * (an idle, fast client: enqueue, lock, state machine, frame, completion) or never (a stuck client:
 * every status after the first replaces the waiting one). The direct path: the pre-encoded frame
 * (looked up in the server's frame cache) written to a Jetty endpoint whose socket takes every
 * byte at once, through Jetty's write flusher.
 *
 * <p>It is a test source of the queue's own module, in the queue's package, because the queue and
 * its writer are package-private: no other module adds classes to this package. JMH's annotation
 * processor runs on the test compilation only, so the benchmark is compiled (and kept in step with
 * the queue) by every build but run only on request, with a forking JMH on the test class path:
 * {@code ./mvnw -B -Pjmh -pl hydrogen-ws-jetty -am process-test-classes} (see docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboundQueueBenchmark {

    /** A session whose writes complete at once, or never. */
    private static final class LoopbackSession extends CoreSession.Empty {
        private final boolean completes;

        LoopbackSession(boolean completes) {
            this.completes = completes;
        }

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            if (completes) {
                callback.succeeded();
            }
        }
    }

    /** An endpoint whose "socket" takes every write whole and at once, as an idle client's does. */
    private static final class DiscardingEndPoint extends ByteArrayEndPoint {
        @Override
        public boolean flush(ByteBuffer... buffers) {
            for (ByteBuffer buffer : buffers) {
                buffer.position(buffer.limit());
            }
            return true;
        }
    }

    private static final ConnectionInfo CONNECTION = new ConnectionInfo() {
        @Override
        public long id() {
            return 1;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:50000";
        }

        @Override
        public String principal() {
            return "api-key:bench";
        }

        @Override
        public boolean isAuthenticated() {
            return true;
        }
    };

    private ScheduledExecutorService scheduler;
    private OutboundQueue fast;
    private OutboundQueue stuck;
    private OutboundQueue direct;
    private ByteBuffer payload;
    private long seq;

    @Setup
    public void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        OutboundQueue.Limits limits = new OutboundQueue.Limits(256, 1 << 20, TimeUnit.HOURS.toNanos(1));
        Events events = new Events(List.of());
        DefaultServerContext context = new DefaultServerContext();
        EncodedFrames frames = new EncodedFrames();
        fast = new OutboundQueue(new SessionFrameWriter(new LoopbackSession(true), null, frames), limits, () -> CONNECTION,
                events, context, scheduler);
        stuck = new OutboundQueue(new SessionFrameWriter(new LoopbackSession(false), null, frames), limits, () -> CONNECTION,
                events, context, scheduler);
        direct = new OutboundQueue(new SessionFrameWriter(new LoopbackSession(true), new DiscardingEndPoint(), frames), limits,
                () -> CONNECTION, events, context, scheduler);
        payload = ByteBuffer.wrap("{\"type\":\"status\",\"seq\":1}".repeat(14).getBytes(StandardCharsets.UTF_8));
    }

    @TearDown
    public void tearDown() {
        scheduler.shutdownNow();
    }

    /** One status to a client that keeps up: queue, send, complete. Paid per client per tick. */
    @Benchmark
    public void enqueueAndSend() {
        fast.enqueueStatus(payload, ++seq);
    }

    /**
     * One status to a client that keeps up, on the direct path: queue, the shared frame from the
     * cache, one endpoint write (the socket's own cost left out), completion. Paid per client per tick.
     */
    @Benchmark
    public void enqueueAndWriteDirect() {
        direct.enqueueStatus(payload, ++seq);
    }

    /** One status to a client that does not read: the waiting status is replaced (conflation). */
    @Benchmark
    public void enqueueConflated() {
        stuck.enqueueStatus(payload, ++seq);
    }
}
