package io.hydrogen.ws.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFilesTest {

    @Test
    void readsMemoryAndThreadsFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  120000 kB\nVmRSS:\t  100000 kB\nThreads:\t23\n";
        assertThat(ProcFiles.statusValue(status, "VmRSS:")).isEqualTo(100_000);
        assertThat(ProcFiles.statusValue(status, "VmHWM:")).isEqualTo(120_000);
        assertThat(ProcFiles.statusValue(status, "Threads:")).isEqualTo(23);
        assertThat(ProcFiles.statusValue(status, "VmSwap:")).isEqualTo(-1);
    }

    @Test
    void sumsUserAndSystemTicksEvenWithParenthesesInTheName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
        assertThat(ProcFiles.cpuTicks(stat).total()).isEqualTo(325);
        assertThat(ProcFiles.cpuTicks("garbage")).isNull();
    }

    @Test
    void readsUserTicksApart() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
        assertThat(ProcFiles.cpuTicks(stat).user()).isEqualTo(250);
        assertThat(ProcFiles.cpuTicks("4242 (java) S 1 2")).isNull();
    }
}
