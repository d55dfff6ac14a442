package io.hydrogen.ws.benchmark.micro;

import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-recipient part of the status push that is reachable from outside the implementation:
 * each recipient's send takes its own {@link ByteBuffer#slice() slice} of the shared payload and
 * wraps it in a text {@link Frame}, as the connection's outbound queue does. Reported per
 * recipient, over a fan-out to {@value #RECIPIENTS} recipients.
 *
 * <p>The queueing itself (conflation, locking, batching) is package-private and is not measured
 * here; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PayloadSliceBenchmark {

    static final int RECIPIENTS = 1000;

    private ByteBuffer payload;

    /** The payload of a realistic status push. */
    @Setup
    public void setUp() {
        payload = OutboundJson.utf8(OutboundJson.status(Snapshots.realistic(), null, Map.of()));
    }

    /** One {@code slice()} per recipient. */
    @Benchmark
    @OperationsPerInvocation(RECIPIENTS)
    public void slice(Blackhole sink) {
        for (int i = 0; i < RECIPIENTS; i++) {
            sink.consume(payload.slice());
        }
    }

    /** One {@code slice()} and one text frame per recipient. */
    @Benchmark
    @OperationsPerInvocation(RECIPIENTS)
    public void sliceAndFrame(Blackhole sink) {
        for (int i = 0; i < RECIPIENTS; i++) {
            sink.consume(new Frame(OpCode.TEXT, payload.slice()));
        }
    }
}
