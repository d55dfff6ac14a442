package io.hydrogen.ws.benchmark.micro;

import io.hydrogen.ws.JsonNaming;
import io.hydrogen.ws.benchmark.server.TemperatureDrift;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.message.JsonValues;
import io.hydrogen.ws.jetty.internal.topics.SubscribeRequest;
import io.hydrogen.ws.jetty.internal.topics.TopicEngine;
import io.hydrogen.ws.jetty.internal.topics.TopicSubscriber;
import io.hydrogen.ws.spi.ConnectionInfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code temperature} publication's fan-out in the topic engine, without sockets: the host's
 * {@code publish} (conversion on the caller's thread), the hand-off to the engine's thread, and
 * there, per subscription group, the deadband, the merge patch, its encoding (once per group of
 * in-step subscribers) and one {@code sendUpdate} per subscriber. The subscribers are fakes that
 * behave like reading connections: every update is queued and written before the next publication
 * (so none is conflated and all stay in step). What a real connection adds per recipient (its
 * queue and the frame write) is {@code OutboundQueueBenchmark}'s, in hydrogen-ws-jetty's tests.
 *
 * <p>Each operation is one publication followed by waiting for the engine to finish its fan-out
 * (a no-op task queued behind it), so it includes one thread hand-off each way; the 1-subscriber
 * rows show that fixed part. {@code options}: {@code none} (every subscriber without options),
 * {@code deadband} (all with {@code deadband 0.5}), {@code half} (half each, as S6 minus the rate
 * limit: a rate-limited group's work happens once per interval, not per publication, and costs
 * what a {@code deadband} fan-out of that group costs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicFanOutBenchmark {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    @Param({"1", "1000"})
    public int subscribers;

    @Param({"none", "deadband", "half"})
    public String options;

    private ScheduledExecutorService timers;
    private TopicEngine engine;
    private TemperatureDrift drift;
    private final List<FakeSubscriber> fakes = new ArrayList<>();

    /** A connection that takes every message at once and writes it before the next publication. */
    private static final class FakeSubscriber implements TopicSubscriber, ConnectionInfo {
        private static final Object QUEUED = new Object();
        private final long id;
        long bytes; // engine thread only; read after a drain

        FakeSubscriber(long id) {
            this.id = id;
        }

        @Override
        public ConnectionInfo view() {
            return this;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void send(ByteBuffer message) {
            bytes += message.remaining();
        }

        @Override
        public Object sendUpdate(ByteBuffer update) {
            bytes += update.remaining();
            return QUEUED;
        }

        @Override
        public boolean updateWaiting(Object handle) {
            return false; // already written: the client holds what it was sent
        }

        @Override
        public boolean replaceUpdate(Object handle, ByteBuffer update) {
            return false;
        }

        @Override
        public boolean hasRoomForFeed() {
            return true;
        }

        @Override
        public void whenDrained(Runnable action) {
            action.run();
        }

        @Override
        public void closeBehind(String topic) {
        }

        @Override
        public void statusPace(boolean subscribed, long everyNthTick) {
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:" + id;
        }

        @Override
        public String principal() {
            return "bench";
        }

        @Override
        public boolean isAuthenticated() {
            return true;
        }
    }

    /** Starts an engine, publishes a first value and subscribes the fakes (they get its snapshot). */
    @Setup(Level.Trial)
    public void setUp() {
        timers = Executors.newSingleThreadScheduledExecutor();
        engine = new TopicEngine(new TopicEngine.Settings(Map.of(), 1000, Duration.ofMinutes(10), Duration.ZERO),
                new Events(List.of()), new JsonValues(JsonNaming.SNAKE_CASE), () -> 0);
        engine.start(timers);
        drift = new TemperatureDrift(1, 10);
        engine.temperature().publish(drift.next(0.02));
        for (int i = 0; i < subscribers; i++) {
            FakeSubscriber fake = new FakeSubscriber(i);
            fakes.add(fake);
            engine.subscribe(fake, new SubscribeRequest("temperature", 0, deadband(i), null, null), null);
        }
        engine.drain(DRAIN_TIMEOUT);
    }

    private double deadband(int index) {
        return switch (options) {
            case "none" -> 0;
            case "deadband" -> 0.5;
            case "half" -> index % 2 == 0 ? 0 : 0.5;
            default -> throw new IllegalArgumentException("options must be none, deadband or half, was " + options);
        };
    }

    /** Stops the engine and checks that the fakes received something, so nothing was optimised away. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.drain(DRAIN_TIMEOUT);
        engine.stop();
        timers.shutdownNow();
        if (fakes.stream().mapToLong(f -> f.bytes).sum() == 0) {
            throw new IllegalStateException("no subscriber received anything");
        }
    }

    /** One publication of drifting readings (50 Hz steps), and its whole fan-out. */
    @Benchmark
    public long publishAndFanOut() {
        long seq = engine.temperature().publish(drift.next(0.02));
        engine.drain(DRAIN_TIMEOUT);
        return seq;
    }
}
