package io.hydrogen.ws.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void namesTheServerInEveryRowOfBothTables() {
        RunResult lws = new RunResult().put("scenario.name", "S1").put("scenario.server", "lws")
                .put("loadgen.cpu_cores", 0.25);
        RunResult unnamed = new RunResult().put("scenario.name", "S2");

        String markdown = ResultsTable.render(List.of(lws, unnamed));

        assertThat(markdown).contains("| scenario | server | readers (+non-readers) |")
                .contains("| scenario | server | server CPU (cores) |");
        assertThat(markdown.lines().filter(line -> line.startsWith("| S1 | lws |"))).hasSize(2);
        assertThat(markdown.lines().filter(line -> line.startsWith("| S2 | n/a |"))).hasSize(2);
        assertThat(markdown).contains("| 0.25 / n/a |"); // the generator's CPU (no ramp measured)
    }

    @Test
    void showsTheGeneratorsCpuInEveryRowOfEveryTableAndFlagsPacedLatency() {
        RunResult s1 = new RunResult().put("scenario.name", "S1").put("scenario.server", "hydrogen")
                .put("loadgen.cpu_cores", 0.31).put("loadgen.ramp_cpu_cores", 0.52);
        RunResult s4 = new RunResult().put("scenario.name", "S4").put("scenario.server", "lws")
                .put("loadgen.cpu_cores", 0.43).put("loadgen.ramp_cpu_cores", 0.64)
                .put("run.read_interval_ms", 20L).put("loadgen.frames_per_read", 2.5)
                .put("latency.p50_ms", 12L).put("latency.p99_ms", 30L).put("latency.max_ms", 41L);
        RunResult s6 = new RunResult().put("scenario.name", "S6").put("scenario.server", "hydrogen")
                .put("run.subscribe", "temperature").put("loadgen.cpu_cores", 0.17).put("loadgen.ramp_cpu_cores", 0.28);

        String markdown = ResultsTable.render(List.of(s1, s4, s6));

        List<String> rows = markdown.lines().filter(line -> line.startsWith("| S")).toList();
        assertThat(rows).hasSize(3 + 3 + 1); // delivery, resources, topics
        for (String row : rows) {
            String expected = row.startsWith("| S1 ") ? "| 0.31 / 0.52 |" : row.startsWith("| S4 ") ? "| 0.43 / 0.64 |"
                    : "| 0.17 / 0.28 |";
            assertThat(row).as("generator CPU in every row").contains(expected);
        }
        assertThat(markdown.split("generator CPU cores: measuring / ramp", -1)).hasSize(4); // a header per table
        assertThat(markdown).contains("| 12 / 30 / 41 (reads every 20 ms: up to that much higher) |")
                .contains("| 2.50 |"); // frames per read, resources table
        assertThat(rows.get(0)).doesNotContain("reads every"); // S1 read as data arrived
    }

    @Test
    void splitsTheServersCpuPerMessageIntoUserAndKernelTime() {
        RunResult s4 = new RunResult().put("scenario.name", "S4").put("scenario.server", "hydrogen")
                .put("server.user_us_per_message", 3.125).put("server.kernel_us_per_message", 6.3);
        RunResult unmeasured = new RunResult().put("scenario.name", "S1").put("scenario.server", "lws")
                .put("loadgen.cpu_cores", 0.2).put("loadgen.ramp_cpu_cores", 0.3);

        String markdown = ResultsTable.render(List.of(s4, unmeasured));

        String column = "server µs per message: user / kernel";
        assertThat(cell(markdown, column, "| S4 | hydrogen |")).isEqualTo("3.13 / 6.30");
        assertThat(cell(markdown, column, "| S1 | lws |")).isEqualTo("n/a / n/a");
    }

    /** @return the cell under {@code header} in the first row below it that starts with {@code rowStart} */
    private static String cell(String markdown, String header, String rowStart) {
        List<String> lines = markdown.lines().toList();
        int headerLine = 0;
        while (!lines.get(headerLine).contains("| " + header + " |")) {
            headerLine++;
        }
        int column = List.of(lines.get(headerLine).split("\\|")).indexOf(" " + header + " ");
        String row = lines.subList(headerLine + 1, lines.size()).stream().filter(line -> line.startsWith(rowStart))
                .findFirst().orElseThrow();
        return row.split("\\|")[column].trim();
    }

    @Test
    void showsATopicRunsReadersWithAndWithoutOptionsApart() {
        RunResult s6 = new RunResult().put("scenario.name", "S6").put("scenario.server", "hydrogen")
                .put("run.subscribe", "temperature").put("run.subscribe_options", "{\"deadband\":0.5}")
                .put("plain.readers", 500L).put("options.readers", 500L)
                .put("delivery.ticks_per_s", 50.0).put("delivery.messages_per_s", 26000.0)
                .put("plain.delivery.messages_per_s", 25000.0).put("options.delivery.messages_per_s", 1000.0)
                .put("plain.latency.p99_ms", 7L).put("options.latency.p99_ms", 190L)
                .put("server.cpu_ms_per_tick", 4.25);
        RunResult s1 = new RunResult().put("scenario.name", "S1").put("scenario.server", "hydrogen");

        String markdown = ResultsTable.render(List.of(s1, s6));

        assertThat(markdown).contains("### Topic subscriptions");
        String row = markdown.lines().filter(line -> line.startsWith("| S6 | hydrogen | temperature |"))
                .findFirst().orElseThrow();
        assertThat(row).contains("| 50.0 |").contains("| 500 / 500 {\"deadband\":0.5} |")
                .contains("| 26000 / 25000 / 1000 |").contains("| 4.250 |");
        assertThat(markdown.lines().filter(line -> line.startsWith("| S1 |"))).hasSize(2); // no topic row
        assertThat(markdown).doesNotContain("Before and after");
    }

    @Test
    void putsABaselineAndTheCurrentCodeSideBySide() {
        RunResult before = new RunResult().put("scenario.name", "S1").put("scenario.server", "hydrogen@6b35a69")
                .put("scenario.role", "baseline").put("scenario.revision", "6b35a69")
                .put("delivery.messages_per_s", 10000.0).put("server.cpu_cores", 0.5).put("latency.p99_ms", 4L);
        RunResult after = new RunResult().put("scenario.name", "S1").put("scenario.server", "hydrogen")
                .put("scenario.role", "current").put("scenario.revision", "abc1234")
                .put("delivery.messages_per_s", 10000.0).put("server.cpu_cores", 0.25).put("latency.p99_ms", 2L);

        String markdown = ResultsTable.render(List.of(before, after));

        assertThat(markdown).contains("### Before and after")
                .contains("| scenario | figure | before (hydrogen@6b35a69) | after (hydrogen abc1234) | after / before |")
                .contains("| S1 | server CPU (cores) | 0.50 | 0.25 | 0.50x |")
                .contains("| S1 | msgs per server CPU-second (higher is better) | 20000 | 40000 | 2.00x |")
                .contains("| S1 | latency p99 ms | 4.00 | 2.00 | 0.50x |")
                .doesNotContain("| S1 | RSS per extra connection KiB |"); // measured in neither run
        assertThat(markdown.lines().filter(line -> line.startsWith("| S1 | hydrogen@6b35a69 |"))).hasSize(2);
    }
}
