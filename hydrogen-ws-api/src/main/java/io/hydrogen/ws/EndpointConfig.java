package io.hydrogen.ws;

import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.Names;
import io.hydrogen.ws.spi.StatusProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the WebSocket endpoint serves: its path and subprotocol, compression, the status push with
 * the host's status providers, and the host's message handlers.
 *
 * <p>Immutable and thread-safe. Set with {@link HydrogenWebSocketServerBuilder#endpoint(Consumer)}.
 */
public final class EndpointConfig {

    /** The default WebSocket path. */
    public static final String DEFAULT_PATH = "/";
    /** The default WebSocket subprotocol. */
    public static final String DEFAULT_PROTOCOL = "hydrogen-protocol";

    /** The validated options: a snapshot that nothing changes any more. */
    private final Builder values;

    private EndpointConfig(Builder values) {
        this.values = values;
    }

    /** @return the exact path of the WebSocket endpoint */
    public String path() {
        return values.path;
    }

    /** @return the subprotocol clients must offer */
    public String protocol() {
        return values.protocol;
    }

    /** @return whether permessage-deflate may be negotiated */
    public boolean permessageDeflate() {
        return values.permessageDeflate;
    }

    /** @return the status push interval; {@link Duration#ZERO} when the periodic push is off */
    public Duration statusInterval() {
        return values.statusInterval;
    }

    /** @return the status providers registered on the builder (discovered ones are added at start) */
    public List<StatusProvider> statusProviders() {
        return Collections.unmodifiableList(values.statusProviders);
    }

    /** @return whether status providers are discovered with {@code ServiceLoader} at start */
    public boolean statusProviderDiscovery() {
        return values.statusProviderDiscovery;
    }

    /** @return how long a status tick waits for the status providers */
    public Duration statusProviderBudget() {
        return values.statusProviderBudget;
    }

    /** @return how the component and field names of the host's records and objects are spelled in JSON */
    public JsonNaming jsonNaming() {
        return values.jsonNaming;
    }

    /**
     * @return the host's commands, by type: handlers that need the {@link Scope#CONTROL} scope and
     *     the control lease
     */
    public Map<String, MessageHandler> commands() {
        return Collections.unmodifiableMap(values.commands);
    }

    /** @return how long a disconnected holder keeps the control lease, for its principal to take it back */
    public Duration controlGrace() {
        return values.controlGrace;
    }

    /** @return the host's message handlers, by type */
    public Map<String, MessageHandler> messageHandlers() {
        return Collections.unmodifiableMap(values.messageHandlers);
    }

    /**
     * @return the class path directory whose files are served over plain HTTP next to the
     *     endpoint (without leading or trailing {@code /}), or empty when none are
     */
    public Optional<String> staticResources() {
        return Optional.ofNullable(values.staticResources);
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "endpoint[path=" + path() + ", protocol=" + protocol() + ", permessageDeflate=" + permessageDeflate()
                + ", statusInterval=" + statusInterval() + ", statusProviders=" + values.statusProviders.size()
                + ", statusProviderDiscovery=" + statusProviderDiscovery() + ", statusProviderBudget="
                + statusProviderBudget() + ", messageHandlers=" + values.messageHandlers.keySet() + ", commands="
                + values.commands.keySet() + ", controlGrace=" + controlGrace() + ", jsonNaming=" + jsonNaming() + ", staticResources="
                + values.staticResources + "]";
    }

    /**
     * Sets the options of an {@link EndpointConfig}. Every option has a default; {@code build()}
     * validates them all and names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private String path = DEFAULT_PATH;
        private String protocol = DEFAULT_PROTOCOL;
        private boolean permessageDeflate;
        private Duration statusInterval = Duration.ofSeconds(1);
        private List<StatusProvider> statusProviders = new ArrayList<>();
        private boolean statusProviderDiscovery = true;
        private Duration statusProviderBudget = Duration.ofMillis(100);
        private Map<String, MessageHandler> messageHandlers = new LinkedHashMap<>();
        private JsonNaming jsonNaming = JsonNaming.SNAKE_CASE;
        private Map<String, MessageHandler> commands = new LinkedHashMap<>();
        private Duration controlGrace = Duration.ofSeconds(10);
        private String staticResources;

        Builder() {
        }

        /**
         * Sets the path of the WebSocket endpoint. Default: {@code /}. The path is matched exactly.
         *
         * @param path an absolute path without wildcards, query or fragment; not {@code /api/system/info}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /**
         * Sets the WebSocket subprotocol clients must offer. Default: {@code hydrogen-protocol}.
         *
         * @param protocol an HTTP token
         * @return this builder
         */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * Accepts the permessage-deflate extension when a client offers it (browsers always do).
         * Off by default: for small JSON it cost about 40 % of the throughput and 90 KB of memory
         * per connection in our measurements, for little saving on the wire.
         *
         * @param enabled whether compression may be negotiated
         * @return this builder
         */
        public Builder permessageDeflate(boolean enabled) {
            this.permessageDeflate = enabled;
            return this;
        }

        /**
         * Sets the interval of the status push. Default: 1 s. {@link Duration#ZERO} disables the
         * periodic push (clients still get one status when they authenticate, and on request).
         *
         * @param interval zero, or at least 1 ms
         * @return this builder
         */
        public Builder statusInterval(Duration interval) {
            this.statusInterval = interval;
            return this;
        }

        /**
         * Adds a status provider whose section appears in every status message.
         *
         * @param provider the provider; its section name is checked by {@code build()}
         * @return this builder
         */
        public Builder statusProvider(StatusProvider provider) {
            statusProviders.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Turns the discovery of status providers with {@link ServiceLoader} on or off. Default: on.
         *
         * @param enabled whether to discover providers at start
         * @return this builder
         */
        public Builder statusProviderDiscovery(boolean enabled) {
            this.statusProviderDiscovery = enabled;
            return this;
        }

        /**
         * Sets how long a status tick waits for the status providers (all run in parallel). A
         * provider that takes longer is left out of that tick. Default: 100 ms.
         *
         * @param budget positive
         * @return this builder
         */
        public Builder statusProviderBudget(Duration budget) {
            this.statusProviderBudget = budget;
            return this;
        }

        /**
         * Routes client messages of a type of the host's to a handler.
         *
         * @param type the message type; built-in types ({@code status}, {@code ping}, {@code auth}, ...)
         *     are refused
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the type is malformed, built in, or already has a handler
         */
        public Builder messageHandler(String type, MessageHandler handler) {
            return register(messageHandlers, type, handler);
        }

        /**
         * Routes client messages of a type of the host's to a command: a handler that only clients
         * with the {@link Scope#CONTROL} scope that hold the control lease may call (others get
         * {@code forbidden} or {@code control_required}). Every call is audited: logged and told to
         * the event listeners with its outcome. Use it for whatever moves the printer.
         *
         * @param type the message type, as for {@link #messageHandler(String, MessageHandler)}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the type is malformed, built in, or already has a handler
         */
        public Builder command(String type, MessageHandler handler) {
            return register(commands, type, handler);
        }

        /**
         * Sets how long a holder of the control lease that disconnects keeps it: within this time
         * its principal takes it back without force (a tablet that lost Wi-Fi for a moment), and
         * everyone else gets {@code control_held}. Default: 10 s.
         *
         * @param grace zero (the lease ends with the connection) or positive, at most a day
         * @return this builder
         */
        public Builder controlGrace(Duration grace) {
            this.controlGrace = grace;
            return this;
        }

        private Builder register(Map<String, MessageHandler> handlers, String type, MessageHandler handler) {
            Names.requireMessageType(type);
            Objects.requireNonNull(handler, "handler");
            if (messageHandlers.containsKey(type) || commands.containsKey(type)) {
                throw new IllegalArgumentException("message type '" + type + "' already has a handler");
            }
            handlers.put(type, handler);
            return this;
        }

        /**
         * Sets how the component and field names of the host's records and objects are spelled in
         * JSON (status sections, handler results, broadcasts, topic values, error details). Map keys
         * are never renamed. Default: {@link JsonNaming#SNAKE_CASE}, like the protocol's own fields.
         *
         * @param naming the naming policy
         * @return this builder
         */
        public Builder jsonNaming(JsonNaming naming) {
            this.jsonNaming = Objects.requireNonNull(naming, "naming");
            return this;
        }

        /**
         * Serves the files of a class path directory over plain HTTP on the endpoint's port: a web
         * page next to the WebSocket, such as a dashboard, with no second server. A {@code GET} or
         * {@code HEAD} of a path the endpoint does not claim itself (WebSocket upgrades, the
         * {@code /api/...} endpoints) is looked up below the directory, relative to the context
         * path; a directory answers with its {@code index.html}. So with the default WebSocket path
         * {@code /}, a browser's {@code GET /} gets {@code DIR/index.html} while WebSocket upgrades
         * of {@code /} still reach the endpoint. Paths with no file get the JSON 404 (or the 426 at
         * the WebSocket path), as without this option.
         *
         * <p>The files are public: no key is asked for. They are sent with {@code Cache-Control:
         * no-cache} (revalidated by ETag), {@code X-Content-Type-Options: nosniff} and a
         * Content-Security-Policy that allows scripts, styles and connections only from the same
         * origin (and WebSocket connections to the same host), no inline scripts or styles and no
         * framing; see docs/security.md. Every directory of that name on the class path is served
         * (several jars may contribute, the first one wins for a file), for example
         * {@code META-INF/resources}, where WebJars keep their files. Default: none.
         *
         * @param classPathDirectory a relative class path directory such as {@code META-INF/resources}
         *     or {@code com/example/web} (a trailing {@code /} is ignored); {@code null} for none
         * @return this builder
         */
        public Builder staticResources(String classPathDirectory) {
            this.staticResources = classPathDirectory;
            return this;
        }

        EndpointConfig build() {
            Builder valid = snapshot();
            valid.staticResources = validateStaticResources(staticResources);
            validatePath(path);
            validateProtocol(protocol);
            Check.zeroOrAtLeast("statusInterval", statusInterval, 1);
            validateStatusProviders(statusProviders);
            Check.positive("statusProviderBudget", statusProviderBudget);
            Check.notNegative("controlGrace", controlGrace);
            return new EndpointConfig(valid);
        }

        @Override
        Builder snapshot() {
            Builder copy = super.snapshot();
            copy.statusProviders = new ArrayList<>(statusProviders);
            copy.messageHandlers = new LinkedHashMap<>(messageHandlers);
            copy.commands = new LinkedHashMap<>(commands);
            return copy;
        }

        private static void validatePath(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was " + Check.quote(path));
            }
            for (char c : path.toCharArray()) {
                if (c == '*' || c == '?' || c == '#' || c <= 0x20 || c >= 0x7f) {
                    throw new IllegalArgumentException("path must be a plain absolute path without wildcards, query, "
                            + "fragment or spaces, was " + Check.quote(path));
                }
            }
            if (path.equals(HydrogenWebSocketServer.SYSTEM_INFO_PATH)) {
                throw new IllegalArgumentException("path " + HydrogenWebSocketServer.SYSTEM_INFO_PATH
                        + " is taken by the system info endpoint");
            }
        }

        /** @return the directory without a trailing {@code /}, or {@code null} for none */
        private static String validateStaticResources(String directory) {
            if (directory == null) {
                return null;
            }
            String trimmed = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
            if (trimmed.isEmpty() || trimmed.startsWith("/") || trimmed.contains("\\")) {
                throw new IllegalArgumentException("staticResources must be a relative class path directory such as "
                        + "META-INF/resources, was " + Check.quote(directory));
            }
            for (String segment : trimmed.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("staticResources must not contain empty, '.' or '..' "
                            + "segments, was " + Check.quote(directory));
                }
            }
            return trimmed;
        }

        private static void validateProtocol(String protocol) {
            if (protocol == null || protocol.isEmpty()) {
                throw new IllegalArgumentException("protocol must not be empty");
            }
            for (char c : protocol.toCharArray()) {
                boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
                if (!token) {
                    throw new IllegalArgumentException("protocol must be an HTTP token (letters, digits, "
                            + "!#$%&'*+-.^_`|~), was " + Check.quote(protocol));
                }
            }
        }

        private static void validateStatusProviders(List<StatusProvider> providers) {
            Set<String> sections = new HashSet<>();
            for (StatusProvider provider : providers) {
                String section = Names.requireStatusSection(provider.section());
                if (!sections.add(section)) {
                    throw new IllegalArgumentException("two status providers use the section name '" + section + "'");
                }
            }
        }
    }
}
