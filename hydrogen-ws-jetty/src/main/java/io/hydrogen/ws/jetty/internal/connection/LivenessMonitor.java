package io.hydrogen.ws.jetty.internal.connection;

import io.hydrogen.ws.jetty.internal.context.PeriodicTask;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Pings every open connection once per interval and closes (1001) those whose last pong is older
 * than the pong timeout. Jetty's idle timeout cannot catch a client that vanished while status
 * pushes keep its connection "busy"; the time of the last pong, tracked here, can.
 *
 * <p>A round is spread over slices of the interval (by connection id): pinging thousands of
 * connections at once, and reading their pongs, would delay the status ticks around it by as
 * long as a whole fan-out takes, every interval.
 */
public final class LivenessMonitor {

    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'h', 'y'}).asReadOnlyBuffer();
    private static final int MAX_SLICES = 20;
    private static final Duration MIN_SLICE = Duration.ofMillis(50);

    private final ConnectionRegistry registry;
    private final long timeoutNanos;
    private final int slices;
    private final PeriodicTask rounds;
    private int nextSlice; // touched only by the scheduler thread

    public LivenessMonitor(ConnectionRegistry registry, ScheduledExecutorService scheduler, Duration interval,
            Duration timeout) {
        this.registry = registry;
        this.timeoutNanos = timeout.toNanos();
        this.slices = slices(interval);
        this.rounds = new PeriodicTask("Ping round", scheduler, interval.dividedBy(slices), this::slice);
    }

    /** @return how many slices a round of {@code interval} is spread over: up to 20, each at least 50 ms */
    static int slices(Duration interval) {
        return (int) Math.max(1, Math.min(MAX_SLICES, interval.toNanos() / MIN_SLICE.toNanos()));
    }

    /** Starts the ping rounds, unless the interval is zero. */
    public void start() {
        rounds.start();
    }

    /** Stops the ping rounds. */
    public void stop() {
        rounds.stop();
    }

    private void slice() {
        long now = System.nanoTime();
        int slice = nextSlice;
        nextSlice = (slice + 1) % slices;
        registry.forEachOpen(connection -> {
            if (Math.floorMod(connection.view().id(), slices) == slice) {
                connection.checkLiveness(now, timeoutNanos, PING);
            }
        });
    }
}
