package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.message.OutboundJson;
import io.hydrogen.ws.jetty.internal.message.StatusSnapshot;
import io.hydrogen.ws.jetty.internal.message.StatusSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic status push: each tick builds the JSON once, encodes it once, and hands the same
 * bytes to every authenticated connection's queue. Runs on the server's scheduler thread and never
 * waits on a socket.
 */
public final class StatusBroadcaster {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBroadcaster.class);

    private final StatusSource status;
    private final ConnectionRegistry registry;
    private final Duration interval;
    private final Events events;
    private final PeriodicTask ticks;
    private long dueNanos; // when the current tick was due; touched only by the scheduler thread

    public StatusBroadcaster(StatusSource status, ConnectionRegistry registry, ScheduledExecutorService scheduler,
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
    public void broadcast() {
        long started = System.nanoTime();
        StatusSnapshot snapshot = status.nextTick();
        ByteBuffer payload = OutboundJson.utf8(OutboundJson.status(snapshot, null, Map.of()));
        Duration buildTime = Duration.ofNanos(System.nanoTime() - started);
        int[] recipients = {0};
        registry.forEachOpen(connection -> {
            if (connection.pushStatus(payload, snapshot.seq())) {
                recipients[0]++;
            }
        });
        events.statusTickBuilt(snapshot.seq(), buildTime, recipients[0]);
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
        broadcast();
    }
}
