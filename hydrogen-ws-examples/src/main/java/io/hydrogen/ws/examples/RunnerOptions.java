package io.hydrogen.ws.examples;

import io.hydrogen.ws.BindingConfig;
import io.hydrogen.ws.EndpointConfig;
import io.hydrogen.ws.LimitsConfig;
import io.hydrogen.ws.examples.sim.SimulatedPrinter;
import io.hydrogen.ws.examples.sim.SimulatorDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The example runner's command line. */
@Command(name = "hydrogen-ws-runner", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = RunnerOptions.Version.class,
        description = {"Starts a Hydrogen WebSocket server that pushes status to its clients until SIGINT or SIGTERM.",
                "A simulated printer (heaters extruder and heater_bed, a print job) publishes to the topics"
                        + " temperature (10 Hz), job and notification, unless --no-simulator."},
        footer = {"%nKeys: --key (or the environment variable " + RunnerOptions.KEY_ENV + ") may do everything"
                + " (admin); --monitor-key only watch; --control-key also run the commands. With none of the three,"
                + " a random admin key is generated and printed once; an empty key is refused.",
                "%nCommands of the simulated printer, for a control or admin key that holds the",
                "control lease ({\"type\":\"control.acquire\",\"id\":1} takes it):",
                "  {\"type\":\"printer.set_temperature\",\"id\":2,\"heater\":\"extruder\",\"target\":200}",
                "      heater extruder (at most 300) or heater_bed (at most 120); target 0 = off",
                "  {\"type\":\"job.start\",\"id\":3,\"file\":\"benchy.gcode\"}",
                "  {\"type\":\"job.pause\",\"id\":4}   and likewise job.resume, job.cancel",
                "  {\"type\":\"printer.emergency_stop\",\"id\":5}   every heater off, the job to error",
                "See docs/configuration.md, \"Commands of the example runner\"."})
final class RunnerOptions {

    static final String KEY_ENV = "HYDROGEN_WS_KEY";
    static final String TLS_PASSWORD_ENV = "HYDROGEN_WS_TLS_PASSWORD";

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to bind; an IPv6 literal such as ::1 enables IPv6 (default: every interface,"
                    + " IPv4 and IPv6 where the machine has IPv6).")
    String host;

    @Option(names = "--ipv6", description = "Bind :: instead of 0.0.0.0 without --host (both take IPv4 and IPv6"
            + " connections on a dual-stack machine).")
    boolean ipv6;

    /** {@code null}: the builder's default range, 5001 to 5010. */
    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to bind; without --port-range-end exactly this one (default: the first free of "
                    + BindingConfig.DEFAULT_PORT + "-" + BindingConfig.DEFAULT_PORT_RANGE_END
                    + "; 0 = ephemeral).")
    Integer port;

    /** {@code null}: {@link #port} alone if given, else the builder's default. */
    @Option(names = "--port-range-end", paramLabel = "PORT",
            description = "Last port to try if the earlier ones are taken (default: --port if given, else "
                    + BindingConfig.DEFAULT_PORT_RANGE_END + ").")
    Integer portRangeEnd;

    @Option(names = "--key", paramLabel = "KEY",
            description = "API key with every scope (admin) (default: $" + KEY_ENV + ").")
    String key;

    @Option(names = "--monitor-key", paramLabel = "KEY",
            description = "API key that may only watch: status and topics, no commands; repeatable.")
    List<String> monitorKeys = new ArrayList<>();

    @Option(names = "--control-key", paramLabel = "KEY",
            description = "API key that may also take the control lease and run the commands; repeatable.")
    List<String> controlKeys = new ArrayList<>();

    @Option(names = "--protocol", paramLabel = "NAME", description = "WebSocket subprotocol (default: ${DEFAULT-VALUE}).")
    String protocol = EndpointConfig.DEFAULT_PROTOCOL;

    @Option(names = "--status-interval-ms", paramLabel = "MS",
            description = "Status push interval in milliseconds; 0 = no periodic push (default: ${DEFAULT-VALUE}).")
    long statusIntervalMs = 1000;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve wss:// with this PKCS#12 keystore; its password comes from $" + TLS_PASSWORD_ENV + ".")
    java.nio.file.Path tlsKeyStore;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES",
            description = "Largest inbound message in bytes (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes = LimitsConfig.DEFAULT_MAX_MESSAGE_BYTES;

    @Option(names = "--no-simulator", description = "Do not run the simulated printer: the topics stay empty.")
    boolean noSimulator;

    @Option(names = "--sim-demo", description = "Run a scripted demo on the simulated printer: heat up, print "
            + SimulatorDemo.FILE + " to complete, cool down.")
    boolean simDemo;

    /** {@code null}: real time (1). */
    @Option(names = "--sim-speed", paramLabel = "FACTOR",
            description = "Run the simulation this many times faster than real time, up to "
                    + (int) SimulatedPrinter.MAX_SPEED + " (default: 1).")
    Double simSpeed;

    /**
     * Reports the project version that Maven wrote into {@code runner.properties} at build time, so
     * that it is right both in the jar and when run from {@code target/classes}.
     */
    static final class Version implements picocli.CommandLine.IVersionProvider {

        static final String RESOURCE = "runner.properties";

        @Override
        public String[] getVersion() {
            return new String[] {"hydrogen-ws-runner " + projectVersion()};
        }

        /** @return the project version, or a note saying why it is unknown */
        static String projectVersion() {
            Properties properties = new Properties();
            try (InputStream in = RunnerOptions.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
            String version = properties.getProperty("version", "");
            // Unfiltered (compiled by an IDE rather than Maven) it still reads ${project.version}.
            return version.isEmpty() || version.startsWith("${") ? "(version unknown: not built by Maven)" : version;
        }
    }
}
