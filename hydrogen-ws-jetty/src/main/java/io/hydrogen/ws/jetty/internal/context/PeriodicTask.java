package io.hydrogen.ws.jetty.internal.context;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run at a fixed rate on the server's scheduler, which a failure does not cancel (a thrown
 * exception would end a {@code scheduleAtFixedRate} for good): it is logged and the next run comes.
 */
public final class PeriodicTask {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Runnable task;
    private volatile ScheduledFuture<?> runs;

    public PeriodicTask(String name, ScheduledExecutorService scheduler, Duration interval, Runnable task) {
        this.name = name;
        this.scheduler = scheduler;
        this.interval = interval;
        this.task = task;
    }

    /** Starts the runs, unless the interval is zero. */
    public void start() {
        if (interval.isZero()) {
            return;
        }
        long nanos = interval.toNanos();
        runs = scheduler.scheduleAtFixedRate(this::run, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the runs; one in progress finishes. */
    public void stop() {
        ScheduledFuture<?> current = runs;
        if (current != null) {
            current.cancel(false);
        }
    }

    private void run() {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; it runs again at the next interval", name, e);
        }
    }
}
