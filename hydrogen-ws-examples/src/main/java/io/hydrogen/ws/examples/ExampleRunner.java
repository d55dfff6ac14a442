package io.hydrogen.ws.examples;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.HydrogenWebSocketServerBuilder;
import io.hydrogen.ws.ServerStartException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/**
 * The example runner: starts a server from command-line flags, prints its {@code ws://} address,
 * and shuts it down gracefully on SIGINT or SIGTERM.
 *
 * <p>Exit codes: 0 after a graceful shutdown or {@code --help}; 1 if the server cannot start (for
 * example every port is taken) or fails unexpectedly; 2 for a bad flag.
 */
public final class ExampleRunner {

    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int GENERATED_KEY_LENGTH = 32;

    /** Builder options whose validation messages should point at the flag a user typed. */
    private static final Map<String, String> FLAG_OF_OPTION = Map.of(
            "host", "--host", "port", "--port", "portRangeEnd", "--port-range-end", "apiKey", "--key",
            "protocol", "--protocol", "statusInterval", "--status-interval-ms", "maxMessageBytes", "--max-message-bytes",
            "tls", "--tls-keystore");

    private ExampleRunner() {
    }

    /** Runs the server until a signal; see the class description for exit codes. */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(args, System.out, System.err);
        } catch (RuntimeException | Error e) {
            // Exit even then: Jetty's non-daemon threads would otherwise keep a broken runner alive.
            e.printStackTrace();
            exitCode = EXIT_START_FAILED;
        }
        System.exit(exitCode);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        RunnerOptions options = new RunnerOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("Error: " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return EXIT_OK;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            return EXIT_OK;
        }

        String key = options.key != null ? options.key : System.getenv(RunnerOptions.KEY_ENV);
        if (key == null || key.isEmpty()) {
            key = generateKey();
            out.println("Generated API key (shown once): " + key);
        }
        HydrogenWebSocketServer server;
        try {
            server = configure(options, key).build();
        } catch (IllegalArgumentException e) {
            err.println("Error: invalid value for " + flagFor(e.getMessage()) + ": " + e.getMessage());
            return EXIT_USAGE;
        }

        CountDownLatch signal = ShutdownSignals.install();
        try {
            server.start();
        } catch (ServerStartException e) {
            err.println("Error: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        out.println("Hydrogen WebSocket server listening on " + server.uri()
                + " (subprotocol " + server.config().endpoint().protocol() + "); press Ctrl+C to stop");
        out.flush();
        try {
            signal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        out.println("Stopped.");
        return EXIT_OK;
    }

    private static HydrogenWebSocketServerBuilder configure(RunnerOptions options, String key) {
        HydrogenWebSocketServerBuilder builder = HydrogenWebSocketServer.builder();
        if (options.tlsKeyStore != null) {
            String password = System.getenv(RunnerOptions.TLS_PASSWORD_ENV);
            builder.binding(b -> b.tls(options.tlsKeyStore, password == null ? new char[0] : password.toCharArray()));
        }
        return builder
                .binding(b -> b.host(options.host).ipv6(options.ipv6).port(options.port)
                        .portRangeEnd(options.port == 0 ? 0 : options.portRangeEnd))
                .apiKey(key)
                .endpoint(e -> e.protocol(options.protocol))
                .statusInterval(statusInterval(options.statusIntervalMs))
                .limits(l -> l.maxMessageBytes(options.maxMessageBytes));
    }

    private static Duration statusInterval(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("statusInterval must be zero or positive, was " + millis + " ms");
        }
        return Duration.ofMillis(millis);
    }

    private static String flagFor(String message) {
        int space = message.indexOf(' ');
        String option = space < 0 ? message : message.substring(0, space);
        return FLAG_OF_OPTION.getOrDefault(option, option);
    }

    private static String generateKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(GENERATED_KEY_LENGTH);
        for (int i = 0; i < GENERATED_KEY_LENGTH; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }
}
