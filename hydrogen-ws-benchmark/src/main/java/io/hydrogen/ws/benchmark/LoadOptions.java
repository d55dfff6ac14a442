package io.hydrogen.ws.benchmark;

import io.hydrogen.ws.benchmark.client.RawReaderGroup;
import io.hydrogen.ws.benchmark.client.SubscribePlan;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The load generator's command-line flags, with their bounds. */
@Command(name = "hydrogen-ws-loadgen", mixinStandardHelpOptions = true,
        description = "Connects many WebSocket clients to a Hydrogen server on loopback and measures the status "
                + "fan-out, or with --subscribe a state topic's.")
final class LoadOptions {

    static final int MAX_CONNECTIONS = 50_000;
    static final int MAX_NON_READERS = 5_000;
    static final int MAX_SECONDS = 3_600;
    /** Seconds after a warm-up ramp's readers are closed, for the server to finish closing them. */
    static final int WARMUP_RAMP_PAUSE_S = 2;

    @Option(names = "--uri", required = true, description = "Server URI, e.g. ws://127.0.0.1:5001/")
    URI uri;

    @Option(names = "--key", required = true, description = "API key, sent as 'Authorization: Key <key>'")
    String key;

    @Option(names = "--protocol", defaultValue = "hydrogen-protocol", description = "Subprotocol (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--connections", defaultValue = "100", description = "Reading clients (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--rate", defaultValue = "1000", description = "Connections started per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--max-in-flight", defaultValue = "256", description = "Handshakes in flight at once (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--connect-timeout-ms", defaultValue = "10000", description = "Timeout of one connection attempt (default: ${DEFAULT-VALUE})")
    int connectTimeoutMillis;

    @Option(names = "--warmup-ramps", defaultValue = "0",
            description = "Unmeasured ramps of --connections readers, each closed again, before the measured one: "
                    + "they warm up this JVM and the server alike (default: ${DEFAULT-VALUE})")
    int warmupRamps;

    @Option(names = "--warmup-s", defaultValue = "5", description = "Seconds between the last connection and measuring (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--duration-s", defaultValue = "10", description = "Seconds of measuring (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--non-readers", defaultValue = "0", description = "Extra raw clients that upgrade and never read (default: ${DEFAULT-VALUE})")
    int nonReaders;

    @Option(names = "--non-reader-rcvbuf", defaultValue = "8192",
            description = "Socket receive buffer of a non-reader in bytes, 0 = OS default (default: ${DEFAULT-VALUE})")
    int nonReaderReceiveBuffer;

    @Option(names = "--rss-checkpoint", defaultValue = "0",
            description = "Pause the ramp after this many readers, let the server settle and sample its RSS, "
                    + "to derive RSS per additional connection; 0 = off (default: ${DEFAULT-VALUE})")
    int rssCheckpoint;

    @Option(names = "--settle-s", defaultValue = "3", description = "Seconds to wait at the RSS checkpoint (default: ${DEFAULT-VALUE})")
    int settleSeconds;

    @Option(names = "--subscribe", paramLabel = "TOPIC",
            description = "Every reader subscribes to this state topic after the upgrade, and the run measures its "
                    + "updates instead of status pushes")
    String subscribe;

    @Option(names = "--subscribe-options", paramLabel = "JSON",
            description = "Subscribe options (a JSON object, e.g. {\"min_interval_ms\":200,\"deadband\":0.5}) "
                    + "that --options-fraction of the readers send; the rest subscribe without")
    String subscribeOptions;

    @Option(names = "--options-fraction", defaultValue = "1",
            description = "Share of the readers that send --subscribe-options, spread evenly (default: ${DEFAULT-VALUE})")
    double optionsFraction;

    @Option(names = "--read-interval-ms", defaultValue = "0",
            description = "Least time between two rounds of the reader thread: each read() then takes the frames that "
                    + "piled up meanwhile, so the generator spends far less CPU per message, but every latency reads up "
                    + "to this much higher. For throughput runs only; 0 = read as soon as data arrives, 0.."
                    + RawReaderGroup.MAX_READ_INTERVAL_MILLIS + " (default: ${DEFAULT-VALUE})")
    int readIntervalMillis;

    @Option(names = "--server-pid", defaultValue = "0", description = "Server process id, read from /proc; 0 = none")
    long serverPid;

    @Option(names = "--out", description = "Write the results as key=value properties to this file")
    Path out;

    /** @throws IllegalArgumentException naming the flag whose value is out of bounds */
    void validate() {
        check(uri.getHost() != null && uri.getPort() > 0 && "ws".equals(uri.getScheme()),
                "--uri must be ws://HOST:PORT/..., was " + uri);
        check(connections >= 1 && connections <= MAX_CONNECTIONS, "--connections must be 1.." + MAX_CONNECTIONS);
        check(nonReaders >= 0 && nonReaders <= MAX_NON_READERS, "--non-readers must be 0.." + MAX_NON_READERS);
        check(rate >= 1 && rate <= 10_000, "--rate must be 1..10000");
        check(maxInFlight >= 1 && maxInFlight <= 10_000, "--max-in-flight must be 1..10000");
        check(connectTimeoutMillis >= 100 && connectTimeoutMillis <= 60_000, "--connect-timeout-ms must be 100..60000");
        check(warmupRamps >= 0 && warmupRamps <= 20, "--warmup-ramps must be 0..20");
        check(warmupSeconds >= 0 && warmupSeconds <= MAX_SECONDS, "--warmup-s must be 0.." + MAX_SECONDS);
        check(durationSeconds >= 1 && durationSeconds <= MAX_SECONDS, "--duration-s must be 1.." + MAX_SECONDS);
        check(settleSeconds >= 0 && settleSeconds <= 60, "--settle-s must be 0..60");
        check(rssCheckpoint >= 0 && rssCheckpoint < connections, "--rss-checkpoint must be 0..connections-1");
        check(nonReaderReceiveBuffer >= 0, "--non-reader-rcvbuf must be 0 or more");
        check(readIntervalMillis >= 0 && readIntervalMillis <= RawReaderGroup.MAX_READ_INTERVAL_MILLIS,
                "--read-interval-ms must be 0.." + RawReaderGroup.MAX_READ_INTERVAL_MILLIS);
        check(optionsFraction >= 0 && optionsFraction <= 1, "--options-fraction must be 0..1");
        check(subscribe != null || subscribeOptions == null, "--subscribe-options needs --subscribe");
        if (subscribe != null) {
            subscribePlan(); // checks the topic name and the options' form
        }
    }

    /**
     * @return who subscribes with which options, or {@code null} without {@code --subscribe}
     * @throws IllegalArgumentException if the topic name or the options are malformed
     */
    SubscribePlan subscribePlan() {
        return subscribe == null ? null
                : new SubscribePlan(subscribe, subscribeOptions, optionsFraction);
    }

    /** @return a generous upper bound on the whole run, after which the watchdog ends it */
    long deadlineSeconds() {
        long ramp = (1L + warmupRamps) * (connections / rate + 2L * connectTimeoutMillis / 1000 + WARMUP_RAMP_PAUSE_S)
                + nonReaders / rate;
        return ramp + settleSeconds + warmupSeconds + durationSeconds + 60;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
