package io.hydrogen.ws.benchmark.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the result files of several scenarios into Markdown: one table for delivery, one for
 * resources, one for topic runs (S6: the readers with and without subscribe options apart) if
 * there are any, and one of before and after if some runs are a baseline's
 * ({@code scenario.role=baseline}; see {@link BeforeAfter}). Every row of the first three shows the
 * generator's own CPU, so a row the generator may have limited shows it; latency cells of a run
 * whose reader waited between reads ({@code --read-interval-ms}) say so. {@code run-scenarios.sh} calls it once at the end:
 * {@code java -cp hydrogen-ws-loadgen.jar io.hydrogen.ws.benchmark.report.ResultsTable OUT.md S1.properties ...}.
 */
public final class ResultsTable {

    private record Column(String header, Function<RunResult, String> cell) {
    }

    /**
     * In every table: whether the generator, not the server, may have limited a row's numbers. The
     * ramp's share matters for handshakes/s, the measuring phase's for everything else.
     */
    private static final String GENERATOR_CPU = "generator CPU cores: measuring / ramp";

    private static final List<Column> DELIVERY = List.of(
            new Column("scenario", r -> text(r, "scenario.name")),
            new Column("server", r -> text(r, "scenario.server")),
            new Column("readers (+non-readers)", r -> text(r, "run.connections") + nonReaders(r)),
            new Column("interval ms", r -> text(r, "scenario.interval_ms")),
            new Column("connected / failed", r -> text(r, "connect.made") + " / " + text(r, "connect.failed")
                    + reasons(r.withPrefix("connect.failed."))),
            new Column("handshakes/s", r -> rounded(r, "connect.handshakes_per_s", 0)),
            new Column("msgs/s", r -> rounded(r, "delivery.messages_per_s", 0)),
            new Column("MiB/s", r -> scaled(r, "delivery.kib_per_s", 1024, 2)),
            new Column("ticks/s", r -> rounded(r, "delivery.ticks_per_s", 1)),
            new Column("missed seq", r -> text(r, "delivery.missed_seq") + " (" + text(r, "delivery.missed_percent") + " %)"),
            new Column("latency p50 / p99 / max ms", r -> latency(r, "") + readInterval(r)),
            new Column("closed during run", r -> reasonsOrNone(r.withPrefix("readers.closed."))),
            new Column(GENERATOR_CPU, ResultsTable::generatorCpu));

    private static final List<Column> RESOURCES = List.of(
            new Column("scenario", r -> text(r, "scenario.name")),
            new Column("server", r -> text(r, "scenario.server")),
            new Column("server CPU (cores)", r -> rounded(r, "server.cpu_cores", 2)),
            new Column("server RSS peak MiB", r -> scaled(r, "server.rss_peak_kib", 1024, 1)),
            new Column("server VmHWM MiB", r -> scaled(r, "server.hwm_kib", 1024, 1)),
            new Column("RSS per extra connection KiB", r -> rounded(r, "server.rss_per_connection_kib", 1)),
            new Column("server CPU ms per tick", r -> rounded(r, "server.cpu_ms_per_tick", 3)),
            new Column("server µs per message: user / kernel", ResultsTable::cpuSplit),
            new Column("server threads", r -> text(r, "server.threads")),
            new Column(GENERATOR_CPU, ResultsTable::generatorCpu),
            new Column("generator frames per read", r -> rounded(r, "loadgen.frames_per_read", 2)),
            new Column("non-readers at end", r -> reasonsOrNone(r.withPrefix("non_readers.end."))),
            new Column("server exit", r -> text(r, "server.exit_code")));

    private static final List<Column> TOPICS = List.of(
            new Column("scenario", r -> text(r, "scenario.name")),
            new Column("server", r -> text(r, "scenario.server")),
            new Column("topic", r -> text(r, "run.subscribe")),
            new Column("publications/s", r -> rounded(r, "delivery.ticks_per_s", 1)),
            new Column("readers: plain / with options", r -> text(r, "plain.readers") + " / "
                    + text(r, "options.readers") + " " + text(r, "run.subscribe_options")),
            new Column("msgs/s: all / plain / with options", r -> rounded(r, "delivery.messages_per_s", 0) + " / "
                    + rounded(r, "plain.delivery.messages_per_s", 0) + " / "
                    + rounded(r, "options.delivery.messages_per_s", 0)),
            new Column("latency p50 / p99 / max ms: plain", r -> latency(r, "plain.") + readInterval(r)),
            new Column("latency p50 / p99 / max ms: with options", r -> latency(r, "options.") + readInterval(r)),
            new Column("missed seq: plain", r -> text(r, "plain.delivery.missed_seq") + " ("
                    + rounded(r, "plain.delivery.missed_percent", 2) + " %)"),
            new Column("server CPU (cores)", r -> rounded(r, "server.cpu_cores", 2)),
            new Column("server CPU ms per publication", r -> rounded(r, "server.cpu_ms_per_tick", 3)),
            new Column(GENERATOR_CPU, ResultsTable::generatorCpu));

    private ResultsTable() {
    }

    /** Usage: {@code ResultsTable OUT.md RESULT.properties...}; writes OUT.md and prints it. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResultsTable OUT.md RESULT.properties...");
            System.exit(2);
        }
        List<RunResult> runs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            runs.add(RunResult.read(Path.of(args[i])));
        }
        String markdown = render(runs);
        Files.writeString(Path.of(args[0]), markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    /** @return both tables for {@code runs}, in the order given */
    public static String render(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        out.append("### Delivery\n\n");
        table(out, DELIVERY, runs);
        out.append("\n### Resources\n\n");
        table(out, RESOURCES, runs);
        List<RunResult> topicRuns = runs.stream().filter(r -> r.get("run.subscribe") != null).toList();
        if (!topicRuns.isEmpty()) {
            out.append("\n### Topic subscriptions\n\n");
            table(out, TOPICS, topicRuns);
        }
        String beforeAfter = BeforeAfter.render(runs);
        if (!beforeAfter.isEmpty()) {
            out.append("\n### Before and after\n\n").append(beforeAfter);
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<Column> columns, List<RunResult> runs) {
        out.append('|');
        columns.forEach(c -> out.append(' ').append(c.header()).append(" |"));
        out.append("\n|");
        columns.forEach(c -> out.append("---|"));
        out.append('\n');
        for (RunResult run : runs) {
            out.append('|');
            columns.forEach(c -> out.append(' ').append(c.cell().apply(run).replace("|", "\\|")).append(" |"));
            out.append('\n');
        }
    }

    private static String latency(RunResult r, String prefix) {
        return text(r, prefix + "latency.p50_ms") + " / " + text(r, prefix + "latency.p99_ms") + " / "
                + text(r, prefix + "latency.max_ms");
    }

    /** @return the server's user and kernel µs per delivered message */
    private static String cpuSplit(RunResult r) {
        return rounded(r, "server.user_us_per_message", 2) + " / " + rounded(r, "server.kernel_us_per_message", 2);
    }

    /** @return the generator's CPU in cores over the measuring phase and over the reader ramp */
    private static String generatorCpu(RunResult r) {
        return rounded(r, "loadgen.cpu_cores", 2) + " / " + rounded(r, "loadgen.ramp_cpu_cores", 2);
    }

    /** @return a note on latency cells of a run whose reader waited between reads (it inflates them) */
    private static String readInterval(RunResult r) {
        double interval = r.number("run.read_interval_ms");
        return interval > 0 ? String.format(Locale.ROOT, " (reads every %.0f ms: up to that much higher)", interval) : "";
    }

    private static String nonReaders(RunResult r) {
        String n = r.get("run.non_readers");
        return n == null || n.equals("0") ? "" : " (+" + n + ")";
    }

    private static String text(RunResult r, String key) {
        String value = r.get(key);
        return value == null ? "n/a" : value;
    }

    private static String rounded(RunResult r, String key, int decimals) {
        double value = r.number(key);
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String scaled(RunResult r, String key, double divisor, int decimals) {
        double value = r.number(key);
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value / divisor);
    }

    private static String reasons(Map<String, String> byReason) {
        return byReason.isEmpty() ? "" : " " + reasonsOrNone(byReason);
    }

    private static String reasonsOrNone(Map<String, String> byReason) {
        if (byReason.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        byReason.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return out.toString();
    }
}
