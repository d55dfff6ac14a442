package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.context.PeriodicTask;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Pings every open connection on an interval and closes (1001) those whose last pong is older than
 * the pong timeout. Jetty's idle timeout cannot catch a client that vanished while status pushes
 * keep its connection "busy"; the time of the last pong, tracked here, can.
 */
public final class LivenessMonitor {

    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'h', 'y'}).asReadOnlyBuffer();

    private final ConnectionRegistry registry;
    private final long timeoutNanos;
    private final PeriodicTask rounds;

    public LivenessMonitor(ConnectionRegistry registry, ScheduledExecutorService scheduler, Duration interval,
            Duration timeout) {
        this.registry = registry;
        this.timeoutNanos = timeout.toNanos();
        this.rounds = new PeriodicTask("Ping round", scheduler, interval, this::round);
    }

    /** Starts the ping rounds, unless the interval is zero. */
    public void start() {
        rounds.start();
    }

    /** Stops the ping rounds. */
    public void stop() {
        rounds.stop();
    }

    private void round() {
        long now = System.nanoTime();
        registry.forEachOpen(connection -> connection.checkLiveness(now, timeoutNanos, PING));
    }
}
