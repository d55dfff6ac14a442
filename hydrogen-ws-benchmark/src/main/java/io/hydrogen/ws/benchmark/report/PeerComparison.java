package io.hydrogen.ws.benchmark.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * Compares Hydrogen with the peers (issue 12): the median over repeated runs of each figure the
 * targets name, per server, with the generator's CPU next to every figure and Hydrogen's ratio to
 * each peer; then the same ratios run by run, paired within each run (the servers of one run are
 * measured minutes apart, so a slow phase of the shared machine falls on them alike), with their
 * median. {@code compare-peers.sh} calls it:
 * {@code java -cp hydrogen-ws-loadgen.jar io.hydrogen.ws.benchmark.report.PeerComparison OUT.md RESULT_DIR}
 * where {@code RESULT_DIR} holds {@code SERVER/runN/SCENARIO.properties}.
 */
public final class PeerComparison {

    /**
     * One figure the targets name: which scenario, how it is computed, whether higher is better, and
     * the result key of the generator's CPU while the figure was being measured.
     */
    record Figure(String name, String scenario, ToDoubleFunction<RunResult> value, boolean higherIsBetter,
            String generatorCpuKey) {
    }

    /** The result key of the run a result belongs to ({@code runN}, from its directory): what pairs results. */
    static final String RUN = "comparison.run";
    private static final String MEASURING = "loadgen.cpu_cores";
    /** Handshakes/s is measured during the reader ramp, not in the measuring phase after it. */
    private static final String RAMP = "loadgen.ramp_cpu_cores";

    static final List<Figure> FIGURES = List.of(
            new Figure("S4 deliveries per server CPU-second", "S4",
                    r -> r.number("delivery.messages_per_s") / r.number("server.cpu_cores"), true, MEASURING),
            // The same per delivery, split: a slow phase of a shared host raises both parts alike.
            new Figure("S4 server user µs per delivery", "S4", r -> r.number("server.user_us_per_message"), false,
                    MEASURING),
            new Figure("S4 server kernel µs per delivery", "S4", r -> r.number("server.kernel_us_per_message"), false,
                    MEASURING),
            new Figure("S2 latency p99 ms", "S2", r -> r.number("latency.p99_ms"), false, MEASURING),
            new Figure("S2 latency max ms", "S2", r -> r.number("latency.max_ms"), false, MEASURING),
            new Figure("S3 RSS per extra connection KiB", "S3", r -> r.number("server.rss_per_connection_kib"), false,
                    MEASURING),
            new Figure("H handshakes/s (generator CPU: during the ramp)", "H", r -> r.number("connect.handshakes_per_s"),
                    true, RAMP));

    private PeerComparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PeerComparison OUT.md RESULT_DIR (with SERVER/runN/SCENARIO.properties)");
            System.exit(2);
        }
        Map<String, List<RunResult>> byServer = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                RunResult result = RunResult.read(file);
                String server = result.get("scenario.server");
                if (server != null && !"1".equals(result.get("scenario.quick"))) {
                    result.put(RUN, file.getParent().getFileName().toString());
                    byServer.computeIfAbsent(server, s -> new ArrayList<>()).add(result);
                }
            }
        }
        String markdown = render(byServer);
        Files.writeString(Path.of(args[0]), markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    /** @return the comparison table: one row per figure, medians per server, Hydrogen's ratios */
    static String render(Map<String, List<RunResult>> byServer) {
        List<String> peers = byServer.keySet().stream().filter(s -> !s.equals("hydrogen")).toList();
        StringBuilder out = new StringBuilder("| figure (median of runs) |");
        List<String> servers = new ArrayList<>();
        if (byServer.containsKey("hydrogen")) {
            servers.add("hydrogen");
        }
        servers.addAll(peers);
        servers.forEach(s -> out.append(' ').append(s).append(" (runs; generator CPU) |"));
        peers.forEach(p -> out.append(" hydrogen / ").append(p).append(" |"));
        out.append('\n').append("|---|").append("---|".repeat(servers.size() + peers.size())).append('\n');
        for (Figure figure : FIGURES) {
            out.append("| ").append(figure.name()).append(" |");
            for (String server : servers) {
                List<RunResult> runs = runs(byServer.get(server), figure.scenario());
                out.append(' ').append(format(median(runs, figure.value()))).append(" (").append(runs.size())
                        .append("; ").append(format(median(runs, r -> r.number(figure.generatorCpuKey()))))
                        .append(") |");
            }
            double hydrogen = median(runs(byServer.get("hydrogen"), figure.scenario()), figure.value());
            for (String peer : peers) {
                out.append(' ').append(ratio(hydrogen, median(runs(byServer.get(peer), figure.scenario()),
                        figure.value()))).append(" |");
            }
            out.append('\n');
        }
        if (byServer.containsKey("hydrogen") && !peers.isEmpty()) {
            out.append('\n').append(renderPaired(byServer, peers));
        }
        return out.toString();
    }

    /**
     * @return Hydrogen's ratio to each peer run by run, for every figure Hydrogen has runs of: each
     *     ratio between the results of the same run, then the median of those ratios
     */
    private static String renderPaired(Map<String, List<RunResult>> byServer, List<String> peers) {
        StringBuilder out = new StringBuilder("| hydrogen / peer, run by run (median) |");
        peers.forEach(p -> out.append(' ').append(p).append(" |"));
        out.append('\n').append("|---|").append("---|".repeat(peers.size())).append('\n');
        for (Figure figure : FIGURES) {
            Map<String, Double> hydrogen = byRun(byServer.get("hydrogen"), figure);
            if (hydrogen.isEmpty()) {
                continue;
            }
            out.append("| ").append(figure.name()).append(" |");
            for (String peer : peers) {
                out.append(' ').append(pairedRatios(hydrogen, byRun(byServer.get(peer), figure))).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** @return "1.10x, 0.75x (0.93x)": the ratio in every run both have, then their median */
    private static String pairedRatios(Map<String, Double> hydrogen, Map<String, Double> peer) {
        double[] ratios = hydrogen.entrySet().stream().filter(run -> peer.containsKey(run.getKey()))
                .mapToDouble(run -> run.getValue() / peer.get(run.getKey())).toArray();
        if (ratios.length == 0) {
            return "n/a";
        }
        return Arrays.stream(ratios).mapToObj(r -> ratio(r, 1)).collect(Collectors.joining(", ")) + " ("
                + ratio(median(Arrays.stream(ratios)), 1) + ")";
    }

    /** @return the figure's finite value per run, in run order ({@code run2} before {@code run10}) */
    private static Map<String, Double> byRun(List<RunResult> results, Figure figure) {
        Map<String, Double> values = new TreeMap<>(Comparator.comparingInt(String::length)
                .thenComparing(Comparator.naturalOrder()));
        for (RunResult result : runs(results, figure.scenario())) {
            double value = figure.value().applyAsDouble(result);
            String run = result.get(RUN);
            if (run != null && Double.isFinite(value)) {
                values.put(run, value);
            }
        }
        return values;
    }

    private static List<RunResult> runs(List<RunResult> results, String scenario) {
        return results == null ? List.of()
                : results.stream().filter(r -> scenario.equals(r.get("scenario.name"))).collect(Collectors.toList());
    }

    /** @return the median of the finite values, or NaN if there are none */
    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        return median(runs.stream().mapToDouble(value));
    }

    /** @return the median of the finite values, or NaN if there are none */
    private static double median(DoubleStream all) {
        double[] values = all.filter(Double::isFinite).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** @return {@code numerator / denominator} as "1.23x", or "n/a" when it is not a number */
    static String ratio(double numerator, double denominator) {
        double ratio = numerator / denominator;
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "n/a";
    }
}
