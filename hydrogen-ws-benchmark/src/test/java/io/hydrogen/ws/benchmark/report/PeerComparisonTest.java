package io.hydrogen.ws.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {

    private static RunResult s4(String server, double messagesPerSecond, double serverCores, double loadgenCores) {
        return new RunResult().put("scenario.name", "S4").put("scenario.server", server)
                .put("delivery.messages_per_s", messagesPerSecond).put("server.cpu_cores", serverCores)
                .put("loadgen.cpu_cores", loadgenCores);
    }

    @Test
    void mediansOfTheRunsAndHydrogensRatioToEachPeer() {
        Map<String, List<RunResult>> runs = Map.of(
                "hydrogen", List.of(s4("hydrogen", 90_000, 1.0, 0.8), s4("hydrogen", 50_000, 0.5, 0.7),
                        s4("hydrogen", 10_000, 1.0, 0.1)),
                "lws", List.of(s4("lws", 100_000, 1.0, 0.9)));

        String table = PeerComparison.render(runs);

        // hydrogen: 90k, 100k, 10k deliveries per CPU-second -> median 90k; generator 0.8, 0.7, 0.1 -> 0.70
        assertThat(table).contains("| S4 deliveries per server CPU-second | 90000 (3; 0.70) | 100000 (1; 0.90) | 0.90x |");
        assertThat(table).contains("| S2 latency p99 ms | n/a (0; n/a) | n/a (0; n/a) | n/a |");
    }

    @Test
    void splitsS4sCpuPerDeliveryIntoUserAndKernelTime() {
        RunResult hydrogen = s4("hydrogen", 90_000, 1.0, 0.5).put("server.user_us_per_message", 3.0)
                .put("server.kernel_us_per_message", 6.0);
        RunResult lws = s4("lws", 120_000, 1.0, 0.5).put("server.user_us_per_message", 1.5)
                .put("server.kernel_us_per_message", 6.0);

        String table = PeerComparison.render(Map.of("hydrogen", List.of(hydrogen), "lws", List.of(lws)));

        // lower is better, so hydrogen / lws is the ratio of times: 3.0 / 1.5
        assertThat(table).contains("| S4 server user µs per delivery | 3.00 (1; 0.50) | 1.50 (1; 0.50) | 2.00x |")
                .contains("| S4 server kernel µs per delivery | 6.00 (1; 0.50) | 6.00 (1; 0.50) | 1.00x |");
    }

    @Test
    void theHandshakeRowShowsTheGeneratorsCpuDuringTheRamp() {
        RunResult h = new RunResult().put("scenario.name", "H").put("scenario.server", "hydrogen")
                .put("connect.handshakes_per_s", 2000.0).put("loadgen.cpu_cores", 0.07)
                .put("loadgen.ramp_cpu_cores", 0.85);

        String table = PeerComparison.render(Map.of("hydrogen", List.of(h)));

        assertThat(table).contains("| H handshakes/s (generator CPU: during the ramp) | 2000 (1; 0.85) |");
        assertThat(table.lines().skip(2)).allMatch(row -> row.matches("\\| .* \\| .* \\(\\d+; [^)]+\\) \\|"),
                "every figure's row has the generator's CPU");
    }

    @Test
    void pairsTheRatiosRunByRunAndGivesTheirMedian() {
        Map<String, List<RunResult>> runs = Map.of(
                "hydrogen", List.of(s4("hydrogen", 90_000, 1.0, 0.5).put(PeerComparison.RUN, "run1"),
                        s4("hydrogen", 60_000, 1.0, 0.5).put(PeerComparison.RUN, "run2"),
                        s4("hydrogen", 100_000, 1.0, 0.5).put(PeerComparison.RUN, "run10"),
                        s4("hydrogen", 80_000, 1.0, 0.5).put(PeerComparison.RUN, "run3")),
                "lws", List.of(s4("lws", 100_000, 1.0, 0.5).put(PeerComparison.RUN, "run1"),
                        s4("lws", 50_000, 1.0, 0.5).put(PeerComparison.RUN, "run2"),
                        s4("lws", 80_000, 1.0, 0.5).put(PeerComparison.RUN, "run10")));

        String table = PeerComparison.render(runs);

        // run1 0.90x, run2 1.20x, run10 1.25x (after run2); run3 has no lws result to pair with.
        // The medians of the runs would say 85k / 80k = 1.06x; the paired ratios' median is 1.20x.
        assertThat(table).contains("| S4 deliveries per server CPU-second | 0.90x, 1.20x, 1.25x (1.20x) |");
        assertThat(table.lines().filter(row -> row.startsWith("| S2 latency p99 ms |")))
                .as("no Hydrogen S2 runs: a row in the medians' table only").hasSize(1);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        List<RunResult> runs = List.of(s4("x", 1, 1, 0), s4("x", 4, 1, 0), s4("x", 2, 1, 0), s4("x", 3, 1, 0));
        assertThat(PeerComparison.median(runs, r -> r.number("delivery.messages_per_s"))).isEqualTo(2.5);
    }
}
