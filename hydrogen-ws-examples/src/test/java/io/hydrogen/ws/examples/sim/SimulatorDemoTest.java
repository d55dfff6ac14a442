package io.hydrogen.ws.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.topics.JobStatus.State;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scripted demo, driven by a fake clock at real-time speed. */
class SimulatorDemoTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingOutput output = new RecordingOutput();
    private final SimulatedPrinter printer = new SimulatedPrinter(output, clock, 1, new Random(3));
    private final SimulatorDemo demo = new SimulatorDemo(printer);

    @Test
    void heatsUpPrintsToCompleteAndCoolsDown() {
        double seconds = runUntilDone(Duration.ofMinutes(10));

        assertThat(output.codes()).containsExactly("temperature_reached", "temperature_reached", "job_started",
                "job_complete");
        assertThat(printer.job().state()).isEqualTo(State.COMPLETE);
        assertThat(printer.job().file()).isEqualTo(SimulatorDemo.FILE);
        printer.temperatures().heaters().values().forEach(heater -> assertThat(heater.target()).isZero());
        // A few minutes at real time: long enough to watch, short enough to wait for.
        assertThat(seconds).isBetween(120.0, 300.0);
    }

    @Test
    void theJobStartsOnlyOnceBothHeatersAreHot() {
        while (printer.job().state() != State.PRINTING) {
            step();
        }
        printer.temperatures().heaters().values().forEach(heater ->
                assertThat(heater.actual()).isGreaterThanOrEqualTo(heater.target() - SimulatorDemo.READY_TOLERANCE));
    }

    @Test
    void stepsAsideWhenSomeoneCancelsTheJob() {
        while (printer.job().state() != State.PRINTING) {
            step();
        }
        printer.cancelJob();
        step();
        assertThat(demo.done()).isTrue();
        // The heaters stay on: whoever cancelled decides what comes next.
        assertThat(printer.temperatures().heaters().get("extruder").target()).isEqualTo(SimulatorDemo.EXTRUDER_TARGET);
        runUntilDone(Duration.ofSeconds(1));
        assertThat(output.codes()).doesNotContain("job_complete");
    }

    @Test
    void stepsAsideAfterAnEmergencyStopWhileHeating() {
        step();
        step();
        printer.emergencyStop();
        step();
        assertThat(demo.done()).isTrue();
        runUntilDone(Duration.ofSeconds(200));
        assertThat(output.codes()).doesNotContain("job_started");
    }

    /** @return the simulated seconds it took */
    private double runUntilDone(Duration limit) {
        double seconds = 0;
        while (!demo.done() && seconds < limit.toSeconds()) {
            step();
            seconds += 0.1;
        }
        assertThat(demo.done()).as("demo done within %s", limit).isTrue();
        return seconds;
    }

    private void step() {
        clock.advance(Duration.ofMillis(100));
        printer.tick();
        demo.run();
    }
}
