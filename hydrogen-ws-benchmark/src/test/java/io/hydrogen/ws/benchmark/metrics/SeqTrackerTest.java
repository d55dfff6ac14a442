package io.hydrogen.ws.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    @Test
    void countsSkippedSeqNumbersAndFlagsStaleOnes() {
        SeqTracker seqs = new SeqTracker();
        assertThat(seqs.observe(10)).isZero();
        assertThat(seqs.observe(11)).isZero();
        assertThat(seqs.observe(14)).isEqualTo(2);
        assertThat(seqs.observe(14)).isEqualTo(SeqTracker.STALE);
        assertThat(seqs.observe(12)).isEqualTo(SeqTracker.STALE);
        assertThat(seqs.observe(15)).isZero();
    }
}
