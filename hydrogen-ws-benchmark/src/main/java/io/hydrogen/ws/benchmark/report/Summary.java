package io.hydrogen.ws.benchmark.report;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a {@link RunResult} for a human: one line per aspect, units spelled out. */
public final class Summary {

    /** Above this share of its cores the generator, not the server, may be what limits a run. */
    private static final double SATURATED = 0.8;

    private Summary() {
    }

    /** Prints the summary of {@code r} to {@code out}. */
    public static void print(RunResult r, PrintStream out) {
        out.println();
        out.printf("== Hydrogen load generator: %s readers + %s non-readers on %s, %s s measured after %s s warm-up "
                + "(measuring %s)%n",
                v(r, "run.connections"), v(r, "run.non_readers"), v(r, "run.uri"), v(r, "delivery.seconds"),
                v(r, "run.warmup_s"), v(r, "run.measured"));
        out.printf("connections  made %s, failed %s %s; %s handshakes/s; handshake p50 %s ms, p99 %s ms, max %s ms%n",
                v(r, "connect.made"), v(r, "connect.failed"), reasons(r.withPrefix("connect.failed.")),
                v(r, "connect.handshakes_per_s"), v(r, "connect.handshake_p50_ms"), v(r, "connect.handshake_p99_ms"),
                v(r, "connect.handshake_max_ms"));
        out.printf("readers      open at end %s; closed during run %s; errors %s%n",
                v(r, "readers.open_at_end"), reasons(r.withPrefix("readers.closed.")), v(r, "readers.errors"));
        out.printf("delivery     %s msg/s, %s KiB/s, %s ticks/s (%s distinct seq); missed seq %s (%s %%), stale %s%n",
                v(r, "delivery.messages_per_s"), v(r, "delivery.kib_per_s"), v(r, "delivery.ticks_per_s"),
                v(r, "delivery.ticks"), v(r, "delivery.missed_seq"), v(r, "delivery.missed_percent"),
                v(r, "delivery.stale"));
        out.printf("latency ms   p50 %s, p90 %s, p99 %s, p99.9 %s, max %s (%s samples; receive time - timestamp)%n",
                v(r, "latency.p50_ms"), v(r, "latency.p90_ms"), v(r, "latency.p99_ms"), v(r, "latency.p999_ms"),
                v(r, "latency.max_ms"), v(r, "latency.count"));
        if (r.get("run.subscribe") != null) {
            for (String group : new String[] {"plain", "options"}) {
                out.printf("%-12s %s readers%s: %s msg/s, missed seq %s (%s %%); latency ms p50 %s, p99 %s, max %s%n",
                        group, v(r, group + ".readers"),
                        group.equals("options") ? " " + v(r, "run.subscribe_options") : "",
                        v(r, group + ".delivery.messages_per_s"), v(r, group + ".delivery.missed_seq"),
                        v(r, group + ".delivery.missed_percent"), v(r, group + ".latency.p50_ms"),
                        v(r, group + ".latency.p99_ms"), v(r, group + ".latency.max_ms"));
            }
        }
        out.printf("server       pid %s; CPU %s s = %s cores, %s ms per tick; RSS peak %s KiB, end %s KiB, "
                + "VmHWM %s KiB; threads %s%n",
                v(r, "server.pid"), v(r, "server.cpu_s"), v(r, "server.cpu_cores"), v(r, "server.cpu_ms_per_tick"),
                v(r, "server.rss_peak_kib"), v(r, "server.rss_end_kib"), v(r, "server.hwm_kib"), v(r, "server.threads"));
        if (r.get("server.rss_per_connection_kib") != null) {
            out.printf("server RSS   %s KiB at %s readers, %s KiB at %s readers: %s KiB per additional connection%n",
                    v(r, "server.rss_checkpoint_kib"), v(r, "server.rss_checkpoint_connections"),
                    v(r, "server.rss_full_kib"), v(r, "server.rss_full_connections"),
                    v(r, "server.rss_per_connection_kib"));
        }
        double processors = r.number("loadgen.processors");
        out.printf("generator    CPU %s s = %s cores of %s available (ramp: %s cores)%s%n",
                v(r, "loadgen.cpu_s"), v(r, "loadgen.cpu_cores"), v(r, "loadgen.processors"),
                v(r, "loadgen.ramp_cpu_cores"),
                r.number("loadgen.cpu_cores") > SATURATED * processors
                        || r.number("loadgen.ramp_cpu_cores") > SATURATED * processors
                        ? "; WARNING: the generator is near saturation, its numbers may understate the server"
                        : "");
        out.printf("reader       %s frames per read, %s reads per round, %s rounds/s; read interval %s ms%s%n",
                v(r, "loadgen.frames_per_read"), v(r, "loadgen.reads_per_round"), v(r, "loadgen.read_rounds_per_s"),
                v(r, "run.read_interval_ms"), r.number("run.read_interval_ms") > 0
                        ? " (latency reads up to that much higher)" : "");
        if (!"0".equals(r.get("run.non_readers"))) {
            out.printf("non-readers  connected %s, failed %s %s; at the end: %s; drained %s bytes%n",
                    v(r, "non_readers.connected"), v(r, "non_readers.failed"),
                    reasons(r.withPrefix("non_readers.failed.")), reasons(r.withPrefix("non_readers.end.")),
                    v(r, "non_readers.drained_bytes"));
        }
    }

    private static String v(RunResult r, String key) {
        String value = r.get(key);
        return value == null ? "n/a" : value;
    }

    private static String reasons(Map<String, String> byReason) {
        return byReason.isEmpty() ? "(none)" : byReason.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
