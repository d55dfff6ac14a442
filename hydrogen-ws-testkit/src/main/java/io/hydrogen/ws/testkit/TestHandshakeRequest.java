package io.hydrogen.ws.testkit;

import io.hydrogen.ws.spi.HandshakeRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable {@link HandshakeRequest} for tests of an
 * {@link io.hydrogen.ws.spi.Authenticator}, built step by step:
 *
 * <pre>{@code
 * HandshakeRequest request = TestHandshakeRequest.builder()
 *         .header("Authorization", "Key my-test-key")
 *         .queryParameter("tenant", "lab-3")
 *         .subProtocol("hydrogen-protocol")
 *         .remoteAddress("192.0.2.7", 50123)
 *         .build();
 * }</pre>
 *
 * <p>Like the server's own view, header names are kept in lower case (lookups with
 * {@link #header(String)} ignore case), values keep the order they were added in, and every
 * collection is unmodifiable. The defaults: path {@code /}, no headers, no query parameters, no
 * subprotocols, remote address {@code 127.0.0.1:50000}. The builder does not derive headers from
 * other options: add {@code Sec-WebSocket-Protocol} yourself if your authenticator reads it.
 * {@link #toString()} names headers and parameters but never shows their values.
 */
public final class TestHandshakeRequest implements HandshakeRequest {

    private final String path;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> queryParameters;
    private final List<String> subProtocols;
    private final InetSocketAddress remoteAddress;

    private TestHandshakeRequest(Builder builder) {
        this.path = builder.path;
        this.headers = freeze(builder.headers);
        this.queryParameters = freeze(builder.queryParameters);
        this.subProtocols = List.copyOf(builder.subProtocols);
        this.remoteAddress = builder.remoteAddress;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a request with nothing but the defaults: no headers, no parameters */
    public static TestHandshakeRequest empty() {
        return builder().build();
    }

    /** @return a builder holding this request's values, to derive a variant of it */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.path = path;
        headers.forEach((name, values) -> builder.headers.put(name, new ArrayList<>(values)));
        queryParameters.forEach((name, values) -> builder.queryParameters.put(name, new ArrayList<>(values)));
        builder.subProtocols.addAll(subProtocols);
        builder.remoteAddress = remoteAddress;
        return builder;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    @Override
    public List<String> subProtocols() {
        return subProtocols;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestHandshakeRequest other && path.equals(other.path) && headers.equals(other.headers)
                && queryParameters.equals(other.queryParameters) && subProtocols.equals(other.subProtocols)
                && remoteAddress.equals(other.remoteAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, headers, queryParameters, subProtocols, remoteAddress);
    }

    @Override
    public String toString() {
        // Values may be credentials: names only.
        return "TestHandshakeRequest[path=" + path + ", headers=" + headers.keySet() + ", query="
                + queryParameters.keySet() + ", subProtocols=" + subProtocols + ", remote=" + remoteAddress + "]";
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** Collects the parts of a {@link TestHandshakeRequest}. Not thread-safe; reusable. */
    public static final class Builder {

        private String path = "/";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();
        private final List<String> subProtocols = new ArrayList<>();
        private InetSocketAddress remoteAddress = new InetSocketAddress(loopback(), 50000);

        private Builder() {
        }

        /**
         * Sets the path, relative to the endpoint's context. Default: {@code /}.
         *
         * @param path the path
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Adds a header value; a name added twice has two values, in order.
         *
         * @param name the name, in any case (stored in lower case)
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Removes every value of a header.
         *
         * @param name the name, in any case
         * @return this builder
         */
        public Builder removeHeader(String name) {
            headers.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Adds a query parameter value, as decoded; a name added twice has two values, in order.
         *
         * @param name the name (case-sensitive, as in a URL)
         * @param value the decoded value
         * @return this builder
         */
        public Builder queryParameter(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            queryParameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Adds a subprotocol the client offers, after those added before.
         *
         * @param protocol the subprotocol, for example {@code hydrogen-protocol}
         * @return this builder
         */
        public Builder subProtocol(String protocol) {
            subProtocols.add(Objects.requireNonNull(protocol, "protocol"));
            return this;
        }

        /**
         * Sets the client's address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder remoteAddress(InetSocketAddress address) {
            this.remoteAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the client's address from an IP literal (a host name would be looked up).
         *
         * @param ip an IPv4 or IPv6 literal, for example {@code 192.0.2.7} or {@code ::1}
         * @param port the client's port
         * @return this builder
         */
        public Builder remoteAddress(String ip, int port) {
            try {
                return remoteAddress(new InetSocketAddress(InetAddress.getByName(ip), port));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + ip, e);
            }
        }

        /** @return the request */
        public TestHandshakeRequest build() {
            return new TestHandshakeRequest(this);
        }

        private static InetAddress loopback() {
            try {
                return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
