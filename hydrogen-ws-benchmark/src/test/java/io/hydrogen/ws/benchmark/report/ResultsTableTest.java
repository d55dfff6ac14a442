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
        assertThat(markdown).contains("| 0.25 |"); // the generator's CPU, in the resources row
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
