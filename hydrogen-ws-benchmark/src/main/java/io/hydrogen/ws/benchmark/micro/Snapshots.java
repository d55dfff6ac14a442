package io.hydrogen.ws.benchmark.micro;

import io.hydrogen.ws.jetty.internal.topics.StatusSnapshot;
import io.hydrogen.ws.jetty.internal.topics.SystemProbe;
import java.time.Instant;

/**
 * The status snapshot every microbenchmark measures: this machine's uname and process usage,
 * mid-sized counters. The only place that calls the internal {@link StatusSnapshot} constructor,
 * so a change of its components touches one line.
 */
final class Snapshots {

    private Snapshots() {
    }

    static StatusSnapshot realistic() {
        SystemProbe probe = new SystemProbe();
        return new StatusSnapshot(123_456, System.currentTimeMillis(), "Xq3v9TtKp0Ab", Instant.now(), 5_000, 123_456, 9_876_543,
                probe.uname(), probe.usage(), true, false, java.util.Map.of());
    }
}
