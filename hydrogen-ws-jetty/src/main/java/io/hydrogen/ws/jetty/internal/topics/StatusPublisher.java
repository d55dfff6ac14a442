package io.hydrogen.ws.jetty.internal.topics;

import io.hydrogen.ws.jetty.internal.connection.ConnectionRegistry;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.context.PeriodicTask;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic status push: each tick takes the status topic's next message (built and encoded
 * once) and hands the same bytes to every authenticated connection's queue. Runs on the server's
 * scheduler thread and never waits on a socket.
 */
public final class StatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final StatusTopic status;
    private final ConnectionRegistry registry;
    private final Duration interval;
    private final Events events;
    private final PeriodicTask ticks;
    private long dueNanos; // when the current tick was due; touched only by the scheduler thread

    public StatusPublisher(StatusTopic status, ConnectionRegistry registry, ScheduledExecutorService scheduler,
            Duration interval, Events events) {
        this.events = events;
        this.status = status;
        this.registry = registry;
        this.interval = interval;
        this.ticks = new PeriodicTask("Status push", scheduler, interval, this::tick);
    }

    /** Starts the periodic push, unless the interval is zero. */
    public void start() {
        dueNanos = System.nanoTime() + interval.toNanos();
        ticks.start();
    }

    /** Stops the periodic push; a tick in progress finishes. */
    public void stop() {
        ticks.stop();
    }

    /** Sends one status to every authenticated connection, with a new sequence number. */
    public void publish() {
        long started = System.nanoTime();
        StatusTopic.Encoded message = status.tick();
        Duration buildTime = Duration.ofNanos(System.nanoTime() - started);
        int recipients = registry.pushStatus(message);
        events.statusTickBuilt(message.seq(), buildTime, recipients);
    }

    private void tick() {
        long lateness = System.nanoTime() - dueNanos;
        dueNanos += interval.toNanos();
        if (lateness > interval.toNanos()) {
            // A fixed-rate schedule runs missed ticks back to back after a slow one: a burst that only
            // adds latency. Skip it (clients see a gap in seq) and let the next tick come on time.
            LOG.debug("Status tick skipped: {} ms late", TimeUnit.NANOSECONDS.toMillis(lateness));
            return;
        }
        publish();
    }
}
