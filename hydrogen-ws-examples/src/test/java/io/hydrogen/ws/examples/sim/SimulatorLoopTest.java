package io.hydrogen.ws.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Temperatures;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop that ticks a printer on the real clock. */
class SimulatorLoopTest {

    private final RecordingOutput output = new RecordingOutput();

    @Test
    void publishesAtOnceThenTenTimesASecondUntilClosed() {
        SimulatedPrinter printer = new SimulatedPrinter(output, SimulatedPrinter.Clock.SYSTEM, 1, new Random());
        long start = System.nanoTime();
        SimulatorLoop loop = SimulatorLoop.start(printer, null);
        try {
            assertThat(output.temperatures()).as("published on the caller's thread").hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> output.temperatures().size() >= 21);
            // 20 ticks after the first take 2 s at 10 Hz; a fixed rate never runs ahead of it.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1900));
            loop.close();
            int closedAt = output.temperatures().size();
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1))
                    .until(() -> output.temperatures().size() == closedAt);
        } finally {
            loop.close();
        }
    }

    @Test
    void aFailingTickDoesNotStopTheLoop() {
        AtomicInteger calls = new AtomicInteger();
        PrinterOutput flaky = new PrinterOutput() {
            @Override
            public void temperatures(Temperatures temperatures) {
                int call = calls.incrementAndGet();
                if (call >= 2 && call <= 4) { // the first is on the caller's thread, in start()
                    throw new IllegalStateException("not running");
                }
                output.temperatures(temperatures);
            }

            @Override
            public void job(JobStatus job) {
                output.job(job);
            }

            @Override
            public void notification(Notification notification) {
                output.notification(notification);
            }
        };
        SimulatedPrinter printer = new SimulatedPrinter(flaky, SimulatedPrinter.Clock.SYSTEM, 1, new Random());
        SimulatorLoop loop = SimulatorLoop.start(printer, null);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> output.temperatures().size() >= 5);
            assertThat(calls.get()).isGreaterThanOrEqualTo(8);
        } finally {
            loop.close();
        }
    }

    @Test
    void runsTheScriptAfterEveryTick() {
        SimulatedPrinter printer = new SimulatedPrinter(output, SimulatedPrinter.Clock.SYSTEM, 1, new Random());
        AtomicInteger runs = new AtomicInteger();
        SimulatorLoop loop = SimulatorLoop.start(printer, runs::incrementAndGet);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
            assertThat(output.temperatures().size()).isGreaterThanOrEqualTo(runs.get());
        } finally {
            loop.close();
        }
    }
}
