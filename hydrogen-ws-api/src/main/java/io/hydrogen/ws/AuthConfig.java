package io.hydrogen.ws;

import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Who may connect: API keys and the host's authenticators, the ways a key may be presented, the
 * throttle on failed attempts, the allowed browser origins and the reverse proxies whose forwarding
 * headers are believed.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the keys. Set with
 * {@link HydrogenWebSocketServerBuilder#auth(Consumer)}.
 */
public final class AuthConfig {

    /** The validated options: a snapshot that nothing changes any more. */
    private final Builder values;

    private AuthConfig(Builder values) {
        this.values = values;
    }

    /** @return the accepted API keys, in the order given; secret, never log them */
    public List<String> apiKeys() {
        return List.copyOf(values.apiKeys.keySet());
    }

    /** @return the scope of each API key, in the order given; the keys are secret, never log them */
    public Map<String, Scope> apiKeyScopes() {
        return Collections.unmodifiableMap(values.apiKeys);
    }

    /** @return the host's authenticators, asked in this order before the built-in key check */
    public List<Authenticator> authenticators() {
        return Collections.unmodifiableList(values.authenticators);
    }

    /** @return whether clients without an {@code Authorization} header may authenticate in-band */
    public boolean inBandAuth() {
        return values.inBandAuth;
    }

    /** @return how long a pending connection may take to authenticate in-band */
    public Duration authTimeout() {
        return values.authTimeout;
    }

    /** @return whether a key in the query string ({@code ?key=}) is accepted */
    public boolean queryKeyAuth() {
        return values.queryKeyAuth;
    }

    /** @return how many authentication failures one address may cause within which window */
    public FailureLimit authFailureLimit() {
        return values.authFailureLimit;
    }

    /** @return the browser origins allowed to connect, lower case; empty: any */
    public List<String> allowedOrigins() {
        return Collections.unmodifiableList(values.allowedOrigins);
    }

    /** @return the reverse proxy addresses whose forwarding headers are trusted */
    public List<String> trustedProxies() {
        return Collections.unmodifiableList(values.trustedProxies);
    }

    Builder toBuilder() {
        return values.snapshot();
    }

    @Override
    public String toString() {
        return "auth[apiKeys=" + values.apiKeys.size() + " (hidden), authenticators=" + values.authenticators.size()
                + ", inBandAuth=" + inBandAuth() + ", authTimeout=" + authTimeout() + ", queryKeyAuth="
                + queryKeyAuth() + ", authFailureLimit=" + authFailureLimit() + ", allowedOrigins=" + allowedOrigins()
                + ", trustedProxies=" + trustedProxies() + "]";
    }

    /**
     * How many authentication failures one client address may cause within a sliding window before
     * its handshakes are refused with HTTP 429 until the window has passed.
     *
     * @param maxFailures at least 1
     * @param window positive, at most a day
     */
    public record FailureLimit(int maxFailures, Duration window) {

        /**
         * Checks the limit.
         *
         * @param maxFailures failures one address may cause per window, 1 to 1000000
         * @param window the window, positive
         * @throws IllegalArgumentException naming the part to fix
         */
        public FailureLimit {
            Check.range("authFailureLimit maxFailures", maxFailures, 1, 1_000_000);
            Check.positive("authFailureLimit window", window);
        }

        @Override
        public String toString() {
            return maxFailures + "/" + window;
        }
    }

    /**
     * Sets the options of an {@link AuthConfig}. Every option has a default except the API key:
     * at least one key or one authenticator is required. {@code build()} validates them all and
     * names the option to fix. Not thread-safe.
     */
    public static final class Builder extends GroupBuilder<Builder> {

        private Map<String, Scope> apiKeys = new LinkedHashMap<>();
        private List<Authenticator> authenticators = new ArrayList<>();
        private boolean inBandAuth = true;
        private Duration authTimeout = Duration.ofSeconds(5);
        private boolean queryKeyAuth;
        private FailureLimit authFailureLimit = new FailureLimit(20, Duration.ofMinutes(1));
        private List<String> allowedOrigins = new ArrayList<>();
        private List<String> trustedProxies = new ArrayList<>();

        Builder() {
        }

        /**
         * Adds an API key that clients may present. At least one key (or an
         * {@link #authenticator(Authenticator) authenticator}) is required. A key is non-empty
         * printable ASCII without spaces; keys shorter than 16 characters are accepted but logged
         * as weak when the server starts.
         *
         * @param key the key
         * @return this builder
         */
        public Builder apiKey(String key) {
            return apiKey(key, Scope.ADMIN);
        }

        /**
         * Adds an API key whose clients may only do what {@code scope} allows: for example
         * {@link Scope#MONITOR} for a read-only display. {@link #apiKey(String)} gives every scope.
         * Adding the same key again replaces its scope.
         *
         * @param key the key
         * @param scope what its clients may do
         * @return this builder
         */
        public Builder apiKey(String key, Scope scope) {
            apiKeys.put(key, Objects.requireNonNull(scope, "scope"));
            return this;
        }

        /**
         * Adds several API keys; see {@link #apiKey(String)}.
         *
         * @param keys the keys
         * @return this builder
         */
        public Builder apiKeys(Collection<String> keys) {
            Objects.requireNonNull(keys, "keys").forEach(this::apiKey);
            return this;
        }

        /**
         * Adds an authenticator, asked (in the order added) before the built-in API-key check. With
         * authenticators, API keys become optional.
         *
         * @param authenticator the authenticator
         * @return this builder
         */
        public Builder authenticator(Authenticator authenticator) {
            authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
            return this;
        }

        /**
         * Enables or disables in-band authentication for clients that cannot set an
         * {@code Authorization} header (browsers). When on (the default), such a client is upgraded
         * in a pending state and must send {@code {"type":"auth","key":"..."}} first. When off, a
         * missing header is answered with HTTP 401.
         *
         * @param enabled whether in-band authentication is allowed
         * @return this builder
         */
        public Builder inBandAuth(boolean enabled) {
            this.inBandAuth = enabled;
            return this;
        }

        /**
         * Sets how long a pending connection may take to send its auth message. Default: 5 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = timeout;
            return this;
        }

        /**
         * Lets clients that can neither set headers nor send a first message pass the key in the
         * query string: {@code ws://host:5001/?key=...} (percent-decoded). Off by default: URLs end
         * up in proxy logs and browser history. The server never logs the query string.
         *
         * @param enabled whether {@code ?key=} is accepted
         * @return this builder
         */
        public Builder queryKeyAuth(boolean enabled) {
            this.queryKeyAuth = enabled;
            return this;
        }

        /**
         * Sets how many authentication failures one address may cause within the window before its
         * handshakes are refused with HTTP 429 ({@code too_many_auth_failures}, with
         * {@code Retry-After}) until the window has passed. Successful authentications never count.
         * Default: 20 per minute.
         *
         * @param maxFailures at least 1
         * @param window positive
         * @return this builder
         * @throws IllegalArgumentException naming the part to fix
         */
        public Builder authFailureLimit(int maxFailures, Duration window) {
            this.authFailureLimit = new FailureLimit(maxFailures, window);
            return this;
        }

        /**
         * Adds a browser origin allowed to connect, for example {@code https://dashboard.example}
         * (protection against cross-site WebSocket hijacking). With none configured (the default)
         * any origin is allowed; with some, a handshake whose {@code Origin} is not listed gets HTTP
         * 403 ({@code origin_not_allowed}). Handshakes without an {@code Origin} (non-browser
         * clients) are not affected.
         *
         * @param origin scheme, host and optional port, as browsers send it
         * @return this builder
         */
        public Builder allowedOrigin(String origin) {
            allowedOrigins.add(origin);
            return this;
        }

        /**
         * Trusts {@code X-Forwarded-For} and {@code Forwarded} headers from this reverse proxy
         * address, so that per-address limits and logs see the real client. Headers from other
         * peers are ignored.
         *
         * @param address an IP address literal, for example {@code 127.0.0.1}
         * @return this builder
         */
        public Builder trustedProxy(String address) {
            trustedProxies.add(address);
            return this;
        }

        AuthConfig build() {
            Builder valid = snapshot();
            validateKeys(new ArrayList<>(apiKeys.keySet()), !authenticators.isEmpty());
            Check.positive("authTimeout", authTimeout);
            valid.allowedOrigins = validOrigins(allowedOrigins);
            validateProxies(trustedProxies);
            return new AuthConfig(valid);
        }

        @Override
        Builder snapshot() {
            Builder copy = super.snapshot();
            copy.apiKeys = new LinkedHashMap<>(apiKeys);
            copy.authenticators = new ArrayList<>(authenticators);
            copy.allowedOrigins = new ArrayList<>(allowedOrigins);
            copy.trustedProxies = new ArrayList<>(trustedProxies);
            return copy;
        }

        private static void validateKeys(List<String> keys, boolean hasAuthenticators) {
            if (keys.isEmpty() && !hasAuthenticators) {
                throw new IllegalArgumentException("at least one apiKey is required (or an authenticator)");
            }
            for (int i = 0; i < keys.size(); i++) {
                Names.requireApiKey(keys.get(i), "apiKey #" + (i + 1));
            }
        }

        private static List<String> validOrigins(List<String> origins) {
            List<String> lowerCase = new ArrayList<>(origins.size());
            for (String origin : origins) {
                if (origin == null || !origin.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+")) {
                    throw new IllegalArgumentException("allowedOrigin must be scheme://host[:port] without a path, "
                            + "was " + Check.quote(origin));
                }
                lowerCase.add(origin.toLowerCase(Locale.ROOT));
            }
            return lowerCase;
        }

        private static void validateProxies(List<String> proxies) {
            for (String proxy : proxies) {
                if (proxy == null || !proxy.matches("[0-9a-fA-F.:]+")) {
                    throw new IllegalArgumentException("trustedProxy must be an IP address literal, was "
                            + Check.quote(proxy));
                }
            }
        }
    }
}
