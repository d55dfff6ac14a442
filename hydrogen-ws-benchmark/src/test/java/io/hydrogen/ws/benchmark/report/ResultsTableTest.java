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
}
