package io.hydrogen.ws.benchmark;

import io.hydrogen.ws.benchmark.client.CloseTally;
import io.hydrogen.ws.benchmark.client.ConnectTally;
import io.hydrogen.ws.benchmark.client.ConnectionRamp;
import io.hydrogen.ws.benchmark.client.NonReaderGroup;
import io.hydrogen.ws.benchmark.client.RawReaderGroup;
import io.hydrogen.ws.benchmark.client.ReadTally;
import io.hydrogen.ws.benchmark.client.SubscribePlan;
import io.hydrogen.ws.benchmark.metrics.DeliveryStats;
import io.hydrogen.ws.benchmark.metrics.MeasuredMessages;
import io.hydrogen.ws.benchmark.metrics.OwnCpu;
import io.hydrogen.ws.benchmark.metrics.ServerProcessMonitor;
import io.hydrogen.ws.benchmark.report.RunResult;
import io.hydrogen.ws.benchmark.report.Summary;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;

/**
 * The load generator: opens reading clients (and optionally non-reading ones) against a Hydrogen
 * server at a bounded rate, warms up, measures the status fan-out for a fixed time, and reports
 * the numbers as a human summary on stdout and as {@code key=value} pairs in a file. With
 * {@code --subscribe TOPIC} every reader subscribes to a state topic (a share of them with options)
 * and the run measures that topic's updates; the readers with and without options are also
 * reported apart ({@code options.*} and {@code plain.*} keys).
 *
 * <p>Phases: one uncounted priming connection, optional unmeasured warm-up ramps (each closed
 * again), ramp (optionally pausing at an RSS checkpoint),
 * non-readers, warm-up, measuring, non-reader drain, close. The run is bounded in connections and time; a watchdog ends it if it
 * overstays. Exit codes: 0 done, 1 no reader connected or the run failed, 2 bad flags, 3 watchdog.
 */
public final class LoadGenerator {

    private static final int DRAIN_BUDGET_MILLIS = 2000;
    private static final long RSS_SAMPLE_MILLIS = 250;

    private final LoadOptions options;
    private final SubscribePlan subscribePlan;
    private final DeliveryStats stats;
    /** With --subscribe: the readers without options and those with them; both add to {@link #stats}. */
    private final DeliveryStats plainStats;
    private final DeliveryStats optionsStats;
    private final CloseTally closes = new CloseTally();
    private final ConnectTally readerConnects = new ConnectTally();
    private final ConnectTally nonReaderConnects = new ConnectTally();
    private final RunResult result = new RunResult();
    /** Wall and CPU time of the reader ramps so far; CPU -1 if the JVM cannot tell. */
    private double rampSeconds;
    private double rampCpuSeconds;

    private LoadGenerator(LoadOptions options) {
        this.options = options;
        this.subscribePlan = options.subscribePlan();
        if (subscribePlan == null) {
            this.stats = new DeliveryStats();
            this.plainStats = null;
            this.optionsStats = null;
        } else {
            this.stats = new DeliveryStats(MeasuredMessages.updates(subscribePlan.topic()));
            this.plainStats = stats.group();
            this.optionsStats = stats.group();
        }
    }

    /** @return what the reader with ramp index {@code index} records into and sends */
    private RawReaderGroup.Reader readerPlan(int index) {
        if (subscribePlan == null) {
            return new RawReaderGroup.Reader(stats, null);
        }
        return new RawReaderGroup.Reader(subscribePlan.withOptions(index) ? optionsStats : plainStats,
                subscribePlan.message(index));
    }

    /** Runs one load test; see the class description for flags and exit codes. */
    public static void main(String[] args) {
        LoadOptions options = new LoadOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested()) {
                commandLine.usage(System.out);
                System.exit(0);
            }
            options.validate();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage() + " (see --help)");
            System.exit(2);
        }
        Watchdog.start(options.deadlineSeconds());
        int exitCode;
        try {
            exitCode = new LoadGenerator(options).run();
        } catch (Exception e) {
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private int run() throws Exception {
        LoadOptions o = options;
        recordRun();
        ConnectionRamp ramp = new ConnectionRamp(o.rate, o.maxInFlight, o.connectTimeoutMillis);
        try (ServerProcessMonitor server = new ServerProcessMonitor(o.serverPid, RSS_SAMPLE_MILLIS);
                RawReaderGroup readers = new RawReaderGroup(o.uri, o.protocol, o.key, o.connectTimeoutMillis,
                        Duration.ofMillis(o.readIntervalMillis));
                NonReaderGroup nonReaders = new NonReaderGroup(o.uri, o.protocol, o.key, o.nonReaderReceiveBuffer,
                        o.connectTimeoutMillis)) {
            readers.start();
            if (!readers.prime()) {
                log("the priming connection failed; the ramp will show why");
            }
            for (int w = 1; w <= o.warmupRamps; w++) {
                log("warm-up ramp %d of %d: %d readers, closed again", w, o.warmupRamps, o.connections);
                warmUp(ramp);
            }
            ConnectionRamp.Attempt reader = readers.attempt(this::readerPlan, closes);

            int from = 0;
            if (o.rssCheckpoint > 0) {
                log("connecting %d readers at %d/s (RSS checkpoint)", o.rssCheckpoint, o.rate);
                rampReaders(ramp, 0, o.rssCheckpoint, reader);
                sleepSeconds(o.settleSeconds);
                result.put("server.rss_checkpoint_connections", (long) readers.openCount());
                result.put("server.rss_checkpoint_kib", server.rssKib());
                from = o.rssCheckpoint;
            }
            log("connecting %d readers at %d/s", o.connections - from, o.rate);
            rampReaders(ramp, from, o.connections, reader);
            if (o.nonReaders > 0) {
                log("connecting %d non-readers", o.nonReaders);
                ramp.run(0, o.nonReaders, nonReaderConnects, nonReaders.attempt());
            }
            log("connected %d readers (%d failed), %d non-readers; warming up %d s", readerConnects.made(),
                    readerConnects.failed(), nonReaderConnects.made(), o.warmupSeconds);
            if (readerConnects.made() == 0) {
                log("no reader connected: %s", readerConnects.failuresByReason());
            }
            sleepSeconds(o.warmupSeconds);
            if (o.rssCheckpoint > 0) {
                result.put("server.rss_full_connections", (long) readers.openCount());
                result.put("server.rss_full_kib", server.rssKib());
            }

            log("measuring %d s", o.durationSeconds);
            ServerProcessMonitor.CpuTime serverCpuStart = server.cpuTime();
            double ownCpuStart = OwnCpu.seconds();
            ReadTally.Snapshot readsStart = readers.reads().snapshot();
            stats.startMeasuring();
            sleepSeconds(o.durationSeconds);
            stats.stopMeasuring();
            ServerProcessMonitor.CpuTime serverCpu = server.cpuTime().since(serverCpuStart);
            double ownCpu = diff(OwnCpu.seconds(), ownCpuStart);
            ReadTally.Snapshot measuredReads = readers.reads().snapshot().since(readsStart);
            result.put("readers.open_at_end", (long) readers.openCount());

            NonReaderGroup.DrainSummary drained = nonReaders.drainAll(DRAIN_BUDGET_MILLIS);
            closes.stopCounting();

            recordConnects();
            recordDelivery("", stats);
            if (subscribePlan != null) {
                recordDelivery("plain.", plainStats);
                recordDelivery("options.", optionsStats);
            }
            recordServer(server, serverCpu);
            recordOwn(ownCpu, measuredReads);
            recordNonReaders(drained);
            log("closing");
        }
        if (o.out != null) {
            result.write(o.out);
        }
        Summary.print(result, System.out);
        return readerConnects.made() > 0 ? 0 : 1;
    }

    /**
     * One unmeasured ramp on readers of its own, closed again: it warms up this JVM's handshake and
     * read code and the server's accept path alike, so that the measured ramp compares warm code
     * (a running host accepts reconnect storms warm).
     */
    private void warmUp(ConnectionRamp ramp) throws Exception {
        LoadOptions o = options;
        try (RawReaderGroup warm = new RawReaderGroup(o.uri, o.protocol, o.key, o.connectTimeoutMillis, Duration.ZERO)) {
            warm.start();
            ramp.run(0, o.connections, new ConnectTally(), warm.attempt(new DeliveryStats(), new CloseTally()));
        }
        sleepSeconds(LoadOptions.WARMUP_RAMP_PAUSE_S);
    }

    /** Runs the reader ramp from {@code from} to {@code to}, adding its wall and CPU time to {@link #rampSeconds}. */
    private void rampReaders(ConnectionRamp ramp, int from, int to, ConnectionRamp.Attempt reader)
            throws InterruptedException {
        long start = System.nanoTime();
        double cpuStart = OwnCpu.seconds();
        ramp.run(from, to, readerConnects, reader);
        double cpu = diff(OwnCpu.seconds(), cpuStart);
        rampSeconds += (System.nanoTime() - start) / 1e9;
        rampCpuSeconds = cpu < 0 || rampCpuSeconds < 0 ? -1 : rampCpuSeconds + cpu;
    }

    private void recordRun() {
        LoadOptions o = options;
        result.put("run.uri", o.uri.toString())
                .put("run.connections", (long) o.connections)
                .put("run.non_readers", (long) o.nonReaders)
                .put("run.rate", (long) o.rate)
                .put("run.warmup_s", (long) o.warmupSeconds)
                .put("run.duration_s", (long) o.durationSeconds)
                .put("run.read_interval_ms", (long) o.readIntervalMillis)
                .put("loadgen.processors", (long) Runtime.getRuntime().availableProcessors())
                .put("run.measured", stats.measured().toString());
        if (subscribePlan != null) {
            int withOptions = subscribePlan.countWithOptions(o.connections);
            result.put("run.subscribe", subscribePlan.topic())
                    .put("run.subscribe_options", o.subscribeOptions == null ? "" : o.subscribeOptions)
                    .put("plain.readers", (long) (o.connections - withOptions))
                    .put("options.readers", (long) withOptions);
        }
    }

    private void recordConnects() {
        result.put("connect.made", readerConnects.made())
                .put("connect.failed", readerConnects.failed());
        readerConnects.failuresByReason().forEach((reason, n) -> result.put("connect.failed." + reason, n));
        Histogram handshakes = readerConnects.handshakeMicros();
        result.put("connect.handshakes_per_s", readerConnects.handshakesPerSecond());
        if (handshakes.getTotalCount() > 0) {
            result.put("connect.handshake_p50_ms", handshakes.getValueAtPercentile(50) / 1000.0)
                    .put("connect.handshake_p99_ms", handshakes.getValueAtPercentile(99) / 1000.0)
                    .put("connect.handshake_max_ms", handshakes.getMaxValue() / 1000.0);
        }
        closes.byCode().forEach((code, n) -> result.put("readers.closed." + code, n));
        result.put("readers.errors", closes.errors());
    }

    /** Records what {@code s} counted under {@code prefix} ("" for the run's totals). */
    private void recordDelivery(String prefix, DeliveryStats s) {
        double seconds = s.seconds();
        long messages = s.messages();
        long missed = s.missed();
        result.put(prefix + "delivery.seconds", seconds)
                .put(prefix + "delivery.messages", messages)
                .put(prefix + "delivery.messages_per_s", messages / seconds)
                .put(prefix + "delivery.bytes", s.bytes())
                .put(prefix + "delivery.kib_per_s", s.bytes() / 1024.0 / seconds)
                .put(prefix + "delivery.ticks", s.distinctTicks())
                .put(prefix + "delivery.ticks_per_s", s.distinctTicks() / seconds)
                .put(prefix + "delivery.missed_seq", missed)
                .put(prefix + "delivery.missed_percent", messages + missed == 0 ? 0 : 100.0 * missed / (messages + missed))
                .put(prefix + "delivery.stale", s.stale())
                .put(prefix + "delivery.unparsable", s.unparsable())
                .put(prefix + "delivery.other", s.other());
        Histogram latency = s.latency();
        result.put(prefix + "latency.count", latency.getTotalCount());
        if (latency.getTotalCount() > 0) {
            result.put(prefix + "latency.p50_ms", latency.getValueAtPercentile(50))
                    .put(prefix + "latency.p90_ms", latency.getValueAtPercentile(90))
                    .put(prefix + "latency.p99_ms", latency.getValueAtPercentile(99))
                    .put(prefix + "latency.p999_ms", latency.getValueAtPercentile(99.9))
                    .put(prefix + "latency.max_ms", latency.getMaxValue())
                    .put(prefix + "latency.mean_ms", latency.getMean());
        }
    }

    private void recordServer(ServerProcessMonitor server, ServerProcessMonitor.CpuTime cpu) {
        if (!server.enabled()) {
            return;
        }
        long rssEnd = server.rssKib();
        result.put("server.pid", options.serverPid)
                .put("server.cpu_s", cpu.total())
                .put("server.cpu_cores", cpu.total() / stats.seconds())
                .put("server.rss_end_kib", rssEnd)
                .put("server.rss_peak_kib", server.peakRssKib())
                .put("server.hwm_kib", server.hwmKib())
                .put("server.threads", server.threads());
        if (stats.distinctTicks() > 0 && cpu.total() >= 0) {
            // A tick is a status push or a topic publication that at least one reader received.
            result.put("server.cpu_ms_per_tick", cpu.total() * 1000 / stats.distinctTicks());
        }
        if (cpu.total() >= 0 && stats.messages() > 0) {
            // User and kernel time per delivery apart: a slower core (a shared host) raises both,
            // a change in the server's own code mostly the first.
            result.put("server.user_us_per_message", cpu.user() * 1e6 / stats.messages())
                    .put("server.kernel_us_per_message", (cpu.total() - cpu.user()) * 1e6 / stats.messages());
        }
        double checkpoint = result.number("server.rss_checkpoint_kib");
        double full = result.number("server.rss_full_kib");
        double added = result.number("server.rss_full_connections") - result.number("server.rss_checkpoint_connections");
        if (!Double.isNaN(checkpoint) && !Double.isNaN(full) && added > 0) {
            // May come out negative when GC shrank the heap in between; then it is left out as unknown.
            result.put("server.rss_per_connection_kib", (full - checkpoint) / added);
        }
    }

    /**
     * The generator's own load: its CPU while measuring and while ramping up the readers (which is
     * what handshakes/s measures), and how its reader thread read while measuring.
     */
    private void recordOwn(double measuringCpu, ReadTally.Snapshot reads) {
        double seconds = stats.seconds();
        result.put("loadgen.cpu_s", measuringCpu)
                .put("loadgen.cpu_cores", measuringCpu / seconds);
        if (rampSeconds > 0 && rampCpuSeconds >= 0) {
            result.put("loadgen.ramp_cpu_cores", rampCpuSeconds / rampSeconds);
        }
        result.put("loadgen.read_rounds_per_s", reads.rounds() / seconds)
                .put("loadgen.reads_per_s", reads.reads() / seconds)
                .put("loadgen.reads_per_round", reads.readsPerRound())
                .put("loadgen.frames_per_read", reads.framesPerRead());
    }

    private void recordNonReaders(NonReaderGroup.DrainSummary drained) {
        if (options.nonReaders == 0) {
            return;
        }
        result.put("non_readers.connected", nonReaderConnects.made())
                .put("non_readers.failed", nonReaderConnects.failed());
        nonReaderConnects.failuresByReason().forEach((reason, n) -> result.put("non_readers.failed." + reason, n));
        for (Map.Entry<String, Long> e : drained.outcomes().entrySet()) {
            result.put("non_readers.end." + e.getKey(), e.getValue());
        }
        result.put("non_readers.drained_bytes", drained.bytesRead());
    }

    private static double diff(double end, double start) {
        return end < 0 || start < 0 ? -1 : end - start;
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[loadgen] " + format + "%n", args);
        System.out.flush();
    }
}
