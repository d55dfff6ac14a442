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

    /** @return the host's message handlers by type, in registration order */
    /** @return how the component and field names of the host's records and objects are spelled in JSON */
    public JsonNaming jsonNaming() {
        return values.jsonNaming;
    }

    /** @return the host's message handlers, by type */
    public Map<String, MessageHandler> messageHandlers() {
        return Collections.unmodifiableMap(values.messageHandlers);
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "endpoint[path=" + path() + ", protocol=" + protocol() + ", permessageDeflate=" + permessageDeflate()
                + ", statusInterval=" + statusInterval() + ", statusProviders=" + values.statusProviders.size()
                + ", statusProviderDiscovery=" + statusProviderDiscovery() + ", statusProviderBudget="
                + statusProviderBudget() + ", messageHandlers=" + values.messageHandlers.keySet() + ", jsonNaming="
                + jsonNaming() + "]";
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
            Names.requireMessageType(type);
            Objects.requireNonNull(handler, "handler");
            if (messageHandlers.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException("message type '" + type + "' already has a handler");
            }
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

        EndpointConfig build() {
            Builder valid = snapshot();
            validatePath(path);
            validateProtocol(protocol);
            Check.zeroOrAtLeast("statusInterval", statusInterval, 1);
            validateStatusProviders(statusProviders);
            Check.positive("statusProviderBudget", statusProviderBudget);
            return new EndpointConfig(valid);
        }

        @Override
        Builder snapshot() {
            Builder copy = super.snapshot();
            copy.statusProviders = new ArrayList<>(statusProviders);
            copy.messageHandlers = new LinkedHashMap<>(messageHandlers);
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
