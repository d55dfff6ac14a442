package io.hydrogen.ws.examples;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.HydrogenWebSocketServerBuilder;
import io.hydrogen.ws.ServerStartException;
import io.hydrogen.ws.examples.sim.PrinterCommands;
import io.hydrogen.ws.examples.sim.PrinterOutput;
import io.hydrogen.ws.examples.sim.SimulatedPrinter;
import io.hydrogen.ws.examples.sim.SimulatorDemo;
import io.hydrogen.ws.examples.sim.SimulatorLoop;
import io.hydrogen.ws.topics.Topics;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/**
 * The example runner: starts a server from command-line flags, prints its {@code ws://} address,
 * and shuts it down gracefully on SIGINT or SIGTERM. Unless {@code --no-simulator}, a
 * {@link SimulatedPrinter} publishes to the built-in topics, so that a newcomer sees live data at once,
 * and its {@link PrinterCommands} let a client with a control key drive it.
 *
 * <p>Exit codes: 0 after a graceful shutdown, {@code --help} or {@code --version}; 1 if the server
 * cannot start (for example every port is taken) or fails unexpectedly; 2 for a bad flag or an
 * empty key. Every flag is checked before a generated key is printed.
 */
public final class ExampleRunner {

    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** Builder options whose validation messages should point at the flag a user typed. */
    private static final Map<String, String> FLAG_OF_OPTION = Map.of(
            "host", "--host", "port", "--port", "portRangeEnd", "--port-range-end", "protocol", "--protocol",
            "statusInterval", "--status-interval-ms", "maxMessageBytes", "--max-message-bytes", "tls", "--tls-keystore");

    /** The dashboard at {@code GET /} and the WebJar's client beside it, both on the class path. */
    static final String DASHBOARD = "META-INF/resources";

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
        return run(args, System.getenv(RunnerOptions.KEY_ENV), out, err);
    }

    /** @param environmentKey the value of {@code $HYDROGEN_WS_KEY}, {@code null} if unset */
    static int run(String[] args, String environmentKey, PrintStream out, PrintStream err) {
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

        String simulatorError = checkSimulatorFlags(options);
        if (simulatorError != null) {
            err.println("Error: " + simulatorError);
            return EXIT_USAGE;
        }
        RunnerKeys keys;
        try {
            keys = RunnerKeys.resolve(options.key, environmentKey, options.monitorKeys, options.controlKeys);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return EXIT_USAGE;
        }
        // The printer comes first: its commands are registered when the server is built. It
        // publishes only once the loop starts or a command runs, both after the server has started.
        AtomicReference<Topics> topics = new AtomicReference<>();
        SimulatedPrinter printer = options.noSimulator ? null : new SimulatedPrinter(PrinterOutput.to(topics::get),
                SimulatedPrinter.Clock.SYSTEM, options.simSpeed == null ? 1 : options.simSpeed, new Random());
        HydrogenWebSocketServer server;
        try {
            server = configure(options, keys, printer).build();
        } catch (IllegalArgumentException e) {
            err.println("Error: invalid value for " + flagFor(e.getMessage()) + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        topics.set(server.topics());
        // Only once every flag is valid: a key shown before a usage error would be shown for nothing.
        keys.generated().ifPresent(key -> out.println("Generated API key (shown once): " + key));

        CountDownLatch signal = ShutdownSignals.install();
        try {
            server.start();
        } catch (ServerStartException e) {
            err.println("Error: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        // Before the address is printed: a client that connects at once finds the first values.
        SimulatorLoop simulator = printer == null ? null
                : SimulatorLoop.start(printer, options.simDemo ? new SimulatorDemo(printer) : null);
        printListening(server, out);
        if (simulator != null) {
            out.println("Simulated printer (heaters extruder and heater_bed) on topics temperature, job and notification"
                    + (options.simDemo ? "; running the demo" : "") + speedNote(options));
            out.println("Commands (a control or admin key, and the control lease): "
                    + String.join(", ", PrinterCommands.TYPES) + "; see --help");
        }
        out.flush();
        try {
            signal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (simulator != null) {
            simulator.close(); // first: the topics refuse publications once the server stops
        }
        server.close();
        out.println("Stopped.");
        return EXIT_OK;
    }

    /** @return what is wrong with the simulator's flags, or {@code null} if nothing */
    private static String checkSimulatorFlags(RunnerOptions options) {
        if (options.noSimulator && (options.simDemo || options.simSpeed != null)) {
            return (options.simDemo ? "--sim-demo" : "--sim-speed") + " needs the simulator; drop --no-simulator";
        }
        if (options.simSpeed != null) {
            try {
                SimulatedPrinter.checkSpeed(options.simSpeed);
            } catch (IllegalArgumentException e) {
                return "invalid value for --sim-speed: " + e.getMessage();
            }
        }
        return null;
    }

    private static String speedNote(RunnerOptions options) {
        if (options.simSpeed == null || options.simSpeed == 1) {
            return "";
        }
        double speed = options.simSpeed;
        return " at " + (speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed)) + "x speed";
    }

    /** @param printer the simulated printer whose commands to register, or {@code null} */
    private static HydrogenWebSocketServerBuilder configure(RunnerOptions options, RunnerKeys keys,
            SimulatedPrinter printer) {
        HydrogenWebSocketServerBuilder builder = HydrogenWebSocketServer.builder();
        if (options.tlsKeyStore != null) {
            String password = System.getenv(RunnerOptions.TLS_PASSWORD_ENV);
            builder.binding(b -> b.tls(options.tlsKeyStore, password == null ? new char[0] : password.toCharArray()));
        }
        // An explicit port alone means exactly that port; with neither flag the builder's range applies.
        Integer rangeEnd = options.portRangeEnd != null ? options.portRangeEnd : options.port;
        return keys.addTo(builder)
                .binding(b -> {
                    b.host(options.host).ipv6(options.ipv6 || isIpv6Literal(options.host));
                    if (options.port != null) {
                        b.port(options.port);
                    }
                    if (rangeEnd != null) {
                        b.portRangeEnd(rangeEnd);
                    }
                })
                .endpoint(e -> {
                    e.protocol(options.protocol).staticResources(DASHBOARD);
                    if (printer != null) {
                        PrinterCommands.register(e, printer);
                    }
                })
                .statusInterval(statusInterval(options.statusIntervalMs))
                .limits(l -> l.maxMessageBytes(options.maxMessageBytes));
    }

    /** Host names never contain a colon; IPv6 literals ({@code ::1}, {@code [::1]}) always do. */
    private static boolean isIpv6Literal(String host) {
        return host != null && host.indexOf(':') >= 0;
    }

    /** Prints the bound address, or for a wildcard every address that reaches the server. */
    private static void printListening(HydrogenWebSocketServer server, PrintStream out) {
        String host = server.config().binding().host();
        String protocol = " (subprotocol " + server.config().endpoint().protocol() + "; dashboard on ";
        String tail = "); press Ctrl+C to stop";
        if (!ListenAddresses.isWildcard(host)) {
            String dashboard = server.uri().toString().replaceFirst("^ws", "http");
            out.println("Hydrogen WebSocket server listening on " + server.uri() + protocol + dashboard + tail);
            return;
        }
        tail = protocol + "http:// at these addresses" + tail;
        List<InetAddress> addresses = ListenAddresses.local();
        out.println("Hydrogen WebSocket server listening on port " + server.port() + " of every interface, "
                + (ListenAddresses.takesIpv6(addresses) ? "IPv4 and IPv6" : "IPv4 only") + tail);
        for (URI uri : ListenAddresses.uris(server.uri(), addresses)) {
            out.println("  " + uri);
        }
    }

    private static Duration statusInterval(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("statusInterval must be zero or positive, was " + millis + " ms");
        }
        return Duration.ofMillis(millis);
    }

    /** @return the flag that a builder validation message is about (keys are checked before the builder) */
    private static String flagFor(String message) {
        int space = message.indexOf(' ');
        String option = space < 0 ? message : message.substring(0, space);
        return FLAG_OF_OPTION.getOrDefault(option, option);
    }
}
