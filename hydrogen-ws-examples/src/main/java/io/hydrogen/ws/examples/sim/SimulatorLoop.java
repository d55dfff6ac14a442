package io.hydrogen.ws.examples.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link SimulatedPrinter} from one daemon thread of its own: a {@link SimulatedPrinter#tick()}
 * every {@value #PERIOD_MILLIS} ms (so the {@code temperature} topic moves at 10 Hz), each followed
 * by an optional script such as the {@link SimulatorDemo}. Close it before the server it publishes to.
 */
public final class SimulatorLoop implements AutoCloseable {

    /** The time between ticks, in milliseconds of the real clock. */
    public static final long PERIOD_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorLoop.class);

    private final SimulatedPrinter printer;
    private final Runnable afterTick;
    private final ScheduledExecutorService executor;
    private boolean failing; // loop thread only

    private SimulatorLoop(SimulatedPrinter printer, Runnable afterTick) {
        this.printer = Objects.requireNonNull(printer, "printer");
        this.afterTick = afterTick;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hydrogen-simulator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Publishes the printer's first values on the calling thread (so a client that connects right
     * after sees them), then ticks it every {@value #PERIOD_MILLIS} ms until {@link #close()}.
     *
     * @param printer the printer to drive
     * @param afterTick run after every tick on the same thread, or {@code null}
     * @return the running loop
     */
    public static SimulatorLoop start(SimulatedPrinter printer, Runnable afterTick) {
        SimulatorLoop loop = new SimulatorLoop(printer, afterTick);
        printer.tick();
        loop.executor.scheduleAtFixedRate(loop::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return loop;
    }

    private void tick() {
        // An exception would end a scheduled task for good: log it (once per run of failures) and go on.
        try {
            printer.tick();
            if (afterTick != null) {
                afterTick.run();
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Simulator tick failed", e);
            }
            failing = true;
        }
    }

    /** Stops ticking and waits (at most a second) for a tick under way. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Simulator tick did not end within a second");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
