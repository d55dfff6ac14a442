package io.hydrogen.ws.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hydrogen.ws.examples.sim.SimulatorException.Code;
import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.JobStatus.State;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Temperatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulated printer, driven by a fake clock: deterministic and fast. */
class SimulatedPrinterTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingOutput output = new RecordingOutput();
    private final SimulatedPrinter printer = new SimulatedPrinter(output, clock, 1, new Random(42));

    @Test
    void startsAtAmbientWithEveryHeaterOffAndNoJob() {
        printer.tick();
        Temperatures first = output.temperatures().get(0);
        assertThat(first.heaters()).containsOnlyKeys("extruder", "heater_bed");
        assertThat(List.copyOf(first.heaters().keySet())).containsExactly("extruder", "heater_bed");
        first.heaters().values().forEach(heater -> {
            assertThat(heater.actual()).isCloseTo(25, within(SimulatedPrinter.NOISE + 0.01));
            assertThat(heater.target()).isZero();
            assertThat(heater.power()).isZero();
        });
        assertThat(output.jobs()).containsExactly(JobStatus.IDLE);
        assertThat(output.notifications()).isEmpty();
    }

    @Test
    void everyTickPublishesTheTemperaturesButTheJobOnlyWhenItChanges() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            printer.tick();
        }
        assertThat(output.temperatures()).hasSize(5);
        assertThat(output.jobs()).hasSize(1);
        // The thermistor noise makes every reading differ a little, as a real one does.
        assertThat(output.temperatures().stream().map(t -> t.heaters().get("extruder").actual()).distinct())
                .hasSizeGreaterThan(1);
    }

    @Test
    void heatersReachTheirTargetsAtRealisticRatesAndSayItOnce() {
        printer.setTemperature("extruder", 210);
        printer.setTemperature("heater_bed", 60);
        assertThat(printer.temperatures().heaters().get("extruder").power()).isEqualTo(1.0);

        run(Duration.ofSeconds(10), Duration.ofMillis(100));
        double extruderRate = (actual("extruder") - 25) / 10;
        double bedRate = (actual("heater_bed") - 25) / 10;
        assertThat(extruderRate).as("extruder °C/s").isBetween(2.0, 4.0);
        assertThat(bedRate).as("bed °C/s").isBetween(0.2, 1.0);

        run(Duration.ofSeconds(290), Duration.ofMillis(100));
        assertThat(actual("extruder")).isCloseTo(210, within(0.5));
        assertThat(actual("heater_bed")).isCloseTo(60, within(0.5));
        // Holding a temperature takes part of the power, not all of it.
        assertThat(printer.temperatures().heaters().get("extruder").power()).isBetween(0.3, 0.8);
        List<Notification> reached = output.notifications().stream()
                .filter(n -> n.code().equals("temperature_reached")).toList();
        assertThat(reached).extracting(Notification::source).containsExactly("extruder", "heater_bed");
        assertThat(reached.get(0).message()).isEqualTo("Extruder reached 210 °C");
        assertThat(reached.get(0).level()).isEqualTo(Notification.Level.INFO);
        assertThat(reached.get(0).details()).containsEntry("target", 210.0);
        assertThat((Double) reached.get(0).details().get("actual")).isCloseTo(210, within(1.5));
    }

    @Test
    void temperatureReachedComesWhenTheHeaterGetsThereNotBefore() {
        printer.setTemperature("extruder", 210);
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(output.codes()).doesNotContain("temperature_reached");
        run(Duration.ofSeconds(120), Duration.ofSeconds(1));
        assertThat(output.codes()).containsOnlyOnce("temperature_reached");
    }

    @Test
    void aNewTargetRaisesTemperatureReachedAgainButTheSameTargetDoesNot() {
        printer.setTemperature("extruder", 200);
        run(Duration.ofSeconds(200), Duration.ofSeconds(1));
        printer.setTemperature("extruder", 200);
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(output.codes()).containsOnlyOnce("temperature_reached");

        printer.setTemperature("extruder", 220);
        run(Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(output.notifications()).filteredOn(n -> n.code().equals("temperature_reached"))
                .extracting(Notification::message).containsExactly("Extruder reached 200 °C", "Extruder reached 220 °C");
    }

    @Test
    void anOffHeaterCoolsTowardAmbientWithoutPower() {
        printer.setTemperature("extruder", 200);
        run(Duration.ofSeconds(200), Duration.ofSeconds(1));
        printer.setTemperature("extruder", 0);
        double previous = actual("extruder");
        for (int i = 0; i < 60; i++) {
            run(Duration.ofSeconds(10), Duration.ofSeconds(1));
            double now = actual("extruder");
            assertThat(now).isLessThan(previous + 2 * SimulatedPrinter.NOISE).isGreaterThan(25 - SimulatedPrinter.NOISE);
            assertThat(printer.temperatures().heaters().get("extruder").power()).isZero();
            previous = now;
        }
        assertThat(actual("extruder")).isCloseTo(25, within(1.0));
        assertThat(output.codes()).containsOnlyOnce("temperature_reached"); // turning off reaches nothing
    }

    @Test
    void aJobRunsToCompleteWithMonotoneProgress() {
        printer.startJob("benchy.gcode");
        assertThat(output.lastJob().state()).isEqualTo(State.PRINTING);
        assertThat(output.lastJob().file()).isEqualTo("benchy.gcode");
        assertThat(output.lastJob().progress()).isZero();

        run(Duration.ofSeconds(130), Duration.ofMillis(500));

        List<JobStatus> jobs = output.jobs();
        for (int i = 1; i < jobs.size(); i++) {
            JobStatus before = jobs.get(i - 1);
            JobStatus after = jobs.get(i);
            assertThat(after.progress()).isGreaterThanOrEqualTo(before.progress());
            assertThat(after.elapsedSeconds()).isGreaterThanOrEqualTo(before.elapsedSeconds());
            assertThat(after.remainingSeconds()).isLessThanOrEqualTo(before.remainingSeconds());
            assertThat(after.layer()).isGreaterThanOrEqualTo(before.layer());
        }
        JobStatus last = jobs.get(jobs.size() - 1);
        assertThat(last.state()).isEqualTo(State.COMPLETE);
        assertThat(last.progress()).isEqualTo(1.0);
        assertThat(last.remainingSeconds()).isZero();
        assertThat(last.layer()).isEqualTo(last.layers());
        assertThat(last.elapsedSeconds()).isBetween(SimulatedJob.MIN_SECONDS, SimulatedJob.MAX_SECONDS);
        assertThat(jobs).filteredOn(j -> j.state() == State.PRINTING).hasSizeGreaterThan(100);
        assertThat(output.codes()).containsExactly("job_started", "job_complete");
        assertThat(output.notifications().get(1).message()).isEqualTo("benchy.gcode finished");
        assertThat(printer.job()).isEqualTo(last);
    }

    @Test
    void theSameFileTakesTheSameTimeAndAnotherMayNot() {
        assertThat(durationOf("a.gcode")).isEqualTo(durationOf("a.gcode"));
        List<Double> durations = List.of("a.gcode", "b.gcode", "cube.gcode", "vase.gcode", "benchy.gcode").stream()
                .map(SimulatedPrinterTest::durationOf).distinct().toList();
        assertThat(durations).hasSizeGreaterThan(1)
                .allSatisfy(d -> assertThat(d).isBetween(SimulatedJob.MIN_SECONDS, SimulatedJob.MAX_SECONDS));
    }

    @Test
    void pauseStopsProgressButNotTheClockAndResumeGoesOn() {
        printer.startJob("cube.gcode");
        run(Duration.ofSeconds(10), Duration.ofMillis(100));
        printer.pauseJob();
        JobStatus paused = printer.job();
        assertThat(paused.state()).isEqualTo(State.PAUSED);
        assertThat(paused.progress()).isPositive();

        run(Duration.ofSeconds(30), Duration.ofMillis(100));
        assertThat(printer.job().progress()).isEqualTo(paused.progress());
        assertThat(printer.job().layer()).isEqualTo(paused.layer());
        assertThat(printer.job().elapsedSeconds()).isCloseTo(40, within(0.11));

        printer.resumeJob();
        assertThat(printer.job().state()).isEqualTo(State.PRINTING);
        run(Duration.ofSeconds(5), Duration.ofMillis(100));
        assertThat(printer.job().progress()).isGreaterThan(paused.progress());
        run(Duration.ofSeconds(120), Duration.ofSeconds(1));
        JobStatus complete = printer.job();
        assertThat(complete.state()).isEqualTo(State.COMPLETE);
        assertThat(complete.elapsedSeconds()).isCloseTo(durationOf("cube.gcode") + 30, within(0.11));
        assertThat(output.codes()).containsExactly("job_started", "job_paused", "job_resumed", "job_complete");
    }

    @Test
    void cancelEndsTheJobAndLeavesTheHeatersAlone() {
        printer.setTemperature("extruder", 200);
        printer.startJob("cube.gcode");
        run(Duration.ofSeconds(10), Duration.ofMillis(100));
        printer.cancelJob();
        JobStatus cancelled = printer.job();
        assertThat(cancelled.state()).isEqualTo(State.CANCELLED);
        assertThat(cancelled.remainingSeconds()).isNull();
        assertThat(output.lastJob()).isEqualTo(cancelled);
        assertThat(output.notifications().get(output.notifications().size() - 1))
                .satisfies(n -> assertThat(n.code()).isEqualTo("job_cancelled"))
                .satisfies(n -> assertThat(n.level()).isEqualTo(Notification.Level.WARNING));
        assertThat(printer.temperatures().heaters().get("extruder").target()).isEqualTo(200.0);

        run(Duration.ofSeconds(10), Duration.ofMillis(100));
        assertThat(printer.job()).isEqualTo(cancelled); // a cancelled job stays where it was
        assertRefused(printer::cancelJob, Code.NO_JOB);
        assertRefused(printer::pauseJob, Code.NO_JOB);
        assertRefused(printer::resumeJob, Code.NO_JOB);
    }

    @Test
    void emergencyStopTurnsEveryHeaterOffAndTheJobToError() {
        printer.setTemperature("extruder", 210);
        printer.setTemperature("heater_bed", 60);
        printer.startJob("cube.gcode");
        run(Duration.ofSeconds(20), Duration.ofMillis(100));

        printer.emergencyStop();

        printer.temperatures().heaters().values().forEach(heater -> {
            assertThat(heater.target()).isZero();
            assertThat(heater.power()).isZero();
        });
        assertThat(output.temperatures().get(output.temperatures().size() - 1).heaters().get("extruder").target())
                .isZero();
        assertThat(printer.job().state()).isEqualTo(State.ERROR);
        assertThat(output.lastJob().state()).isEqualTo(State.ERROR);
        Notification stop = output.notifications().get(output.notifications().size() - 1);
        assertThat(stop.code()).isEqualTo("emergency_stop");
        assertThat(stop.level()).isEqualTo(Notification.Level.CRITICAL);
        assertThat(stop.message()).contains("every heater off").contains("cube.gcode");

        // The printer can be used again, as after a firmware restart.
        run(Duration.ofSeconds(1), Duration.ofMillis(100));
        assertThat(printer.job().state()).isEqualTo(State.ERROR);
        printer.startJob("again.gcode");
        assertThat(printer.job().state()).isEqualTo(State.PRINTING);
    }

    @Test
    void emergencyStopWithoutAJobStillStopsTheHeaters() {
        printer.setTemperature("extruder", 210);
        printer.emergencyStop();
        assertThat(printer.temperatures().heaters().get("extruder").target()).isZero();
        assertThat(printer.job()).isEqualTo(JobStatus.IDLE);
        assertThat(output.codes()).containsExactly("emergency_stop");
    }

    @ParameterizedTest
    @ValueSource(doubles = {300.01, 301, 1000, -1, -0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void anExtruderTargetOutsideZeroTo300IsOutOfRange(double target) {
        assertRefused(() -> printer.setTemperature("extruder", target), Code.OUT_OF_RANGE);
        assertThat(output.temperatures()).isEmpty();
        assertThat(printer.temperatures().heaters().get("extruder").target()).isZero();
    }

    @Test
    void theBedsMaximumIs120AndTheMessageSaysSo() {
        printer.setTemperature("heater_bed", 120);
        printer.setTemperature("extruder", 300);
        assertThatThrownBy(() -> printer.setTemperature("heater_bed", 121))
                .isInstanceOf(SimulatorException.class)
                .hasMessage("heater_bed target 121.0 °C is out of range: 0 (off) to 120 °C");
        assertThat(printer.temperatures().heaters().get("heater_bed").target()).isEqualTo(120.0);
    }

    @Test
    void anUnknownHeaterIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> printer.setTemperature("chamber", 40))
                .isInstanceOf(SimulatorException.class)
                .hasMessage("Unknown heater chamber; the heaters are extruder, heater_bed")
                .extracting(e -> ((SimulatorException) e).code()).isEqualTo(Code.UNKNOWN_HEATER);
        assertRefused(() -> printer.setTemperature(null, 40), Code.UNKNOWN_HEATER);
        assertThat(Code.UNKNOWN_HEATER.wireName()).isEqualTo("unknown_heater");
    }

    @Test
    void jobCommandsAreRefusedInTheWrongState() {
        assertRefused(printer::pauseJob, Code.NO_JOB);
        assertRefused(printer::resumeJob, Code.NO_JOB);
        assertRefused(printer::cancelJob, Code.NO_JOB);
        assertRefused(() -> printer.startJob(null), Code.INVALID_ARGUMENT);
        assertRefused(() -> printer.startJob("  "), Code.INVALID_ARGUMENT);

        printer.startJob("cube.gcode");
        assertRefused(() -> printer.startJob("other.gcode"), Code.JOB_RUNNING);
        assertRefused(printer::resumeJob, Code.JOB_RUNNING);
        printer.pauseJob();
        assertRefused(printer::pauseJob, Code.JOB_NOT_RUNNING);
        assertRefused(() -> printer.startJob("other.gcode"), Code.JOB_RUNNING);
        assertThat(printer.job().file()).isEqualTo("cube.gcode");
        assertThat(output.codes()).containsExactly("job_started", "job_paused");
    }

    @Test
    void aJobCanStartAgainOnceTheLastIsComplete() {
        printer.startJob("cube.gcode");
        run(Duration.ofSeconds(121), Duration.ofSeconds(1));
        assertThat(printer.job().state()).isEqualTo(State.COMPLETE);
        printer.startJob("vase.gcode");
        assertThat(printer.job().state()).isEqualTo(State.PRINTING);
        assertThat(printer.job().progress()).isZero();
        assertThat(printer.job().elapsedSeconds()).isZero();
    }

    @Test
    void theSpeedFactorScalesSimulatedTime() {
        SimulatedPrinter fast = new SimulatedPrinter(output, clock, 10, new Random(1));
        fast.startJob("cube.gcode");
        clock.advance(Duration.ofSeconds(3));
        fast.tick();
        assertThat(fast.job().elapsedSeconds()).isCloseTo(30, within(0.11));
    }

    @Test
    void oneLongTickIsTheSameAsManyShortOnes() {
        SimulatedPrinter other = new SimulatedPrinter(new RecordingOutput(), clock, 1, new Random(42));
        printer.setTemperature("extruder", 210);
        other.setTemperature("extruder", 210);
        printer.startJob("cube.gcode");
        other.startJob("cube.gcode");
        clock.advance(Duration.ofSeconds(50));
        printer.tick();
        other.tick();
        assertThat(printer.job()).isEqualTo(other.job());
        assertThat(printer.temperatures().heaters().get("extruder").actual())
                .isCloseTo(other.temperatures().heaters().get("extruder").actual(), within(2 * SimulatedPrinter.NOISE));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 1000.5, Double.NaN, Double.POSITIVE_INFINITY})
    void aSpeedOutsideItsRangeIsRefused(double speed) {
        assertThatThrownBy(() -> new SimulatedPrinter(output, clock, speed, new Random()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("speed must be more than 0 and at most 1000");
    }

    /** Ticks and commands from several threads: the topics must end where the printer is. */
    @Test
    void concurrentCommandsAndTicksPublishInOrder() throws Exception {
        SimulatedPrinter shared = new SimulatedPrinter(output, clock, 50, new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        try {
                            switch ((i + thread) % 5) {
                                case 0 -> shared.startJob("job" + thread + ".gcode");
                                case 1 -> shared.pauseJob();
                                case 2 -> shared.resumeJob();
                                case 3 -> shared.setTemperature("extruder", (i * 7) % 300);
                                default -> {
                                    clock.advance(Duration.ofMillis(10));
                                    shared.tick();
                                }
                            }
                        } catch (SimulatorException expected) {
                            // Commands race each other; refusals are part of the game.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(output.lastJob()).isEqualTo(shared.job());
        assertThat(output.temperatures().get(output.temperatures().size() - 1).heaters().get("extruder").target())
                .isEqualTo(shared.temperatures().heaters().get("extruder").target());
    }

    private void run(Duration total, Duration step) {
        for (long done = 0; done < total.toNanos(); done += step.toNanos()) {
            clock.advance(step);
            printer.tick();
        }
    }

    private double actual(String heater) {
        return printer.temperatures().heaters().get(heater).actual();
    }

    private static double durationOf(String file) {
        FakeClock clock = new FakeClock();
        SimulatedPrinter printer = new SimulatedPrinter(new RecordingOutput(), clock, 1, new Random());
        printer.startJob(file);
        while (printer.job().state() != State.COMPLETE) {
            clock.advance(Duration.ofMillis(100));
            printer.tick();
        }
        return printer.job().elapsedSeconds();
    }

    private static void assertRefused(ThrowingCallable command, Code code) {
        assertThatThrownBy(command).isInstanceOf(SimulatorException.class)
                .satisfies(e -> assertThat(((SimulatorException) e).code()).isEqualTo(code));
    }
}
