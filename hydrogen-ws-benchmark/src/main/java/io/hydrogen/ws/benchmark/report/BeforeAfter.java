package io.hydrogen.ws.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The before-and-after table of {@code run-scenarios.sh --baseline REV} (issue 8: "performance does
 * not regress"): for every scenario that ran against both the baseline
 * ({@code scenario.role=baseline}) and the current code ({@code scenario.role=current}), the
 * figures that would show a regression, side by side, with the ratio after / before.
 */
final class BeforeAfter {

    /** A figure, how it is read from a run, and whether a higher value is better. */
    record Figure(String name, ToDoubleFunction<RunResult> value, boolean higherIsBetter) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("msgs/s", r -> r.number("delivery.messages_per_s"), true),
            new Figure("missed seq %", r -> r.number("delivery.missed_percent"), false),
            new Figure("latency p50 ms", r -> r.number("latency.p50_ms"), false),
            new Figure("latency p99 ms", r -> r.number("latency.p99_ms"), false),
            new Figure("latency max ms", r -> r.number("latency.max_ms"), false),
            new Figure("server CPU (cores)", r -> r.number("server.cpu_cores"), false),
            new Figure("msgs per server CPU-second", r -> r.number("delivery.messages_per_s") / r.number("server.cpu_cores"),
                    true),
            new Figure("server RSS peak MiB", r -> r.number("server.rss_peak_kib") / 1024, false),
            new Figure("RSS per extra connection KiB", r -> r.number("server.rss_per_connection_kib"), false),
            new Figure("handshakes/s", r -> r.number("connect.handshakes_per_s"), true),
            new Figure("generator CPU (cores)", r -> r.number("loadgen.cpu_cores"), false),
            new Figure("generator CPU during the ramp (cores)", r -> r.number("loadgen.ramp_cpu_cores"), false));

    private BeforeAfter() {
    }

    /** @return the table, or "" if no scenario ran against both */
    static String render(List<RunResult> runs) {
        Map<String, RunResult[]> pairs = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String role = run.get("scenario.role");
            int slot = "baseline".equals(role) ? 0 : "current".equals(role) ? 1 : -1;
            if (slot >= 0) {
                pairs.computeIfAbsent(run.get("scenario.name"), name -> new RunResult[2])[slot] = run;
            }
        }
        List<Map.Entry<String, RunResult[]>> complete = new ArrayList<>();
        pairs.entrySet().stream().filter(e -> e.getValue()[0] != null && e.getValue()[1] != null)
                .forEach(complete::add);
        if (complete.isEmpty()) {
            return "";
        }
        RunResult[] first = complete.get(0).getValue();
        StringBuilder out = new StringBuilder("| scenario | figure | before (").append(first[0].get("scenario.server"))
                .append(") | after (").append(first[1].get("scenario.server")).append(' ')
                .append(first[1].get("scenario.revision")).append(") | after / before |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, RunResult[]> pair : complete) {
            for (Figure figure : FIGURES) {
                double before = figure.value().applyAsDouble(pair.getValue()[0]);
                double after = figure.value().applyAsDouble(pair.getValue()[1]);
                if (Double.isNaN(before) && Double.isNaN(after)) {
                    continue; // not measured in this scenario (RSS per connection outside S3, ...)
                }
                out.append("| ").append(pair.getKey()).append(" | ").append(figure.name())
                        .append(figure.higherIsBetter() ? " (higher is better)" : "").append(" | ")
                        .append(PeerComparison.format(before)).append(" | ").append(PeerComparison.format(after)).append(" | ")
                        .append(PeerComparison.ratio(after, before)).append(" |\n");
            }
        }
        return out.toString();
    }
}
