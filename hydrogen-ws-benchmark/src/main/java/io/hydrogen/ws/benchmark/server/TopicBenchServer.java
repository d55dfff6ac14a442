package io.hydrogen.ws.benchmark.server;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerStartException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A benchmark-only server for the topic scenario S6: a Hydrogen server on loopback with one key
 * that publishes {@code temperature} ({@link TemperatureDrift}) at a fixed rate. Prints
 * {@code ws://127.0.0.1:PORT/} once it listens; SIGINT or SIGTERM stop it (exit code 0). Runs from
 * the JMH uber jar, which holds the server:
 * {@code java -cp benchmarks.jar io.hydrogen.ws.benchmark.server.TopicBenchServer --port 0 --key K --publish-hz 50}.
 */
@Command(name = "topic-bench-server", mixinStandardHelpOptions = true,
        description = "A Hydrogen server on 127.0.0.1 that publishes the temperature topic at a fixed rate.")
public final class TopicBenchServer implements Runnable {

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--key", required = true, description = "The API key clients must present")
    String key;

    @Option(names = "--publish-hz", defaultValue = "50", description = "Publications per second, 1..1000 (default: ${DEFAULT-VALUE})")
    int publishHz;

    @Option(names = "--status-interval-ms", defaultValue = "0",
            description = "Status push interval; 0 = no periodic status (default: ${DEFAULT-VALUE})")
    long statusIntervalMillis;

    @Option(names = "--target-period-s", defaultValue = "10",
            description = "Seconds between the heaters' target steps (default: ${DEFAULT-VALUE})")
    double targetPeriodSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the temperature noise (default: ${DEFAULT-VALUE})")
    long seed;

    private int exitCode;

    /** Runs the server until SIGINT or SIGTERM. */
    public static void main(String[] args) {
        TopicBenchServer server = new TopicBenchServer();
        int parsed = new CommandLine(server).execute(args);
        System.exit(parsed != 0 ? parsed : server.exitCode);
    }

    @Override
    public void run() {
        if (publishHz < 1 || publishHz > 1000 || statusIntervalMillis < 0 || !(targetPeriodSeconds > 0)) {
            System.err.println("Error: --publish-hz must be 1..1000, --status-interval-ms 0 or more, "
                    + "--target-period-s above 0");
            exitCode = 2;
            return;
        }
        CountDownLatch stop = stopOnSignal();
        try (HydrogenWebSocketServer server = HydrogenWebSocketServer.builder()
                .binding(b -> b.host("127.0.0.1").port(port).portRangeEnd(port))
                .apiKey(key)
                .statusInterval(Duration.ofMillis(statusIntervalMillis))
                .build()) {
            server.start();
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bench-publisher");
                thread.setDaemon(true);
                return thread;
            });
            TemperatureDrift drift = new TemperatureDrift(seed, targetPeriodSeconds);
            AtomicLong published = new AtomicLong();
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / publishHz;
            double dtSeconds = 1.0 / publishHz;
            publisher.scheduleAtFixedRate(() -> {
                try {
                    server.topics().temperature().publish(drift.next(dtSeconds));
                    published.incrementAndGet();
                } catch (IllegalStateException stopping) {
                    // the server is closing
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            System.out.println("Topic bench server listening on " + server.uri() + ", publishing temperature at "
                    + publishHz + " Hz");
            System.out.flush();
            stop.await();
            publisher.shutdownNow(); // first: the topics refuse publications once the server stops
            System.out.println("Stopped after " + published.get() + " publications.");
        } catch (ServerStartException e) {
            System.err.println("Error: " + e.getMessage());
            exitCode = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("restriction")
    private static CountDownLatch stopOnSignal() {
        CountDownLatch received = new CountDownLatch(1);
        for (String name : new String[] {"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> received.countDown());
        }
        return received;
    }
}
