package io.hydrogen.ws.examples;

import io.hydrogen.ws.BindingConfig;
import io.hydrogen.ws.EndpointConfig;
import io.hydrogen.ws.LimitsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The example runner's command line. */
@Command(name = "hydrogen-ws-runner", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = RunnerOptions.Version.class,
        description = "Starts a Hydrogen WebSocket server that pushes status to its clients until SIGINT or SIGTERM.",
        footer = "%nThe key may also come from the environment variable " + RunnerOptions.KEY_ENV
                + ". With neither, a random key is generated and printed once.")
final class RunnerOptions {

    static final String KEY_ENV = "HYDROGEN_WS_KEY";
    static final String TLS_PASSWORD_ENV = "HYDROGEN_WS_TLS_PASSWORD";

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: all interfaces).")
    String host;

    @Option(names = "--ipv6", description = "Enable IPv6 (binds :: without --host; needed for an IPv6 --host).")
    boolean ipv6;

    @Option(names = "--port", paramLabel = "PORT", description = "First port to try (default: ${DEFAULT-VALUE}; 0 = ephemeral).")
    int port = BindingConfig.DEFAULT_PORT;

    @Option(names = "--port-range-end", paramLabel = "PORT",
            description = "Last port to try if the earlier ones are taken (default: ${DEFAULT-VALUE}).")
    int portRangeEnd = BindingConfig.DEFAULT_PORT_RANGE_END;

    @Option(names = "--key", paramLabel = "KEY", description = "API key clients must present (default: $" + KEY_ENV + ").")
    String key;

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

    /** Reports the runner's version from its jar manifest, if any. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RunnerOptions.class.getPackage().getImplementationVersion();
            return new String[] {"hydrogen-ws-runner " + (version == null ? "(development build)" : version)};
        }
    }
}
