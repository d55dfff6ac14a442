package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings every open connection on an interval and closes (1001) those whose last pong is older than
 * the pong timeout. Jetty's idle timeout cannot catch a client that vanished while status pushes
 * keep its connection "busy"; the time of the last pong, tracked here, can.
 */
public final class LivenessMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(LivenessMonitor.class);
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'h', 'y'}).asReadOnlyBuffer();

    private final ConnectionRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final long timeoutNanos;
    private volatile ScheduledFuture<?> rounds;

    public LivenessMonitor(ConnectionRegistry registry, ScheduledExecutorService scheduler, Duration interval,
            Duration timeout) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.interval = interval;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts the ping rounds, unless the interval is zero. */
    public void start() {
        if (interval.isZero()) {
            return;
        }
        long nanos = interval.toNanos();
        rounds = scheduler.scheduleAtFixedRate(this::round, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the ping rounds. */
    public void stop() {
        ScheduledFuture<?> current = rounds;
        if (current != null) {
            current.cancel(false);
        }
    }

    private void round() {
        try {
            long now = System.nanoTime();
            registry.forEachOpen(connection -> connection.checkLiveness(now, timeoutNanos, PING));
        } catch (RuntimeException e) {
            LOG.error("Ping round failed", e); // keep the schedule alive
        }
    }
}
