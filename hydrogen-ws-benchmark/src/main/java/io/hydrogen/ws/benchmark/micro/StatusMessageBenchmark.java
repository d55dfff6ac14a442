package io.hydrogen.ws.benchmark.micro;

import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.topics.StatusSnapshot;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The once-per-tick part of the status push: building the status JSON and encoding it as UTF-8,
 * exactly as {@code StatusBroadcaster.broadcast()} does. Per tick, not per client: this cost is
 * paid once however many clients are connected.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatusMessageBenchmark {

    private StatusSnapshot snapshot;

    /** A realistic snapshot: this machine's uname and process usage, mid-sized counters. */
    @Setup
    public void setUp() {
        snapshot = Snapshots.realistic();
    }

    /** {@code OutboundJson.status(snapshot, null, Map.of())}: the JSON text of one push. */
    @Benchmark
    public String buildJson() {
        return OutboundJson.status(snapshot, null, Map.of());
    }

    /** Build plus {@code OutboundJson.utf8(...)}: the shared payload of one push tick. */
    @Benchmark
    public ByteBuffer buildAndEncode() {
        return OutboundJson.utf8(OutboundJson.status(snapshot, null, Map.of()));
    }
}
