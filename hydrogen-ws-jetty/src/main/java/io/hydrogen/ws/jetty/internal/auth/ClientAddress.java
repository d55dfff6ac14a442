package io.hydrogen.ws.jetty.internal.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Request;

/**
 * Finds a request's client address: the TCP peer, or, when the peer is a trusted reverse proxy,
 * the nearest untrusted address in its {@code Forwarded} / {@code X-Forwarded-For} header. Headers
 * from untrusted peers are ignored, so clients cannot spoof their address. Immutable.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private final Set<InetAddress> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::literal).collect(Collectors.toUnmodifiableSet());
    }

    /** @return the client's IP address */
    public InetAddress of(Request request) {
        InetAddress peer = peer(request.getConnectionMetaData().getRemoteSocketAddress());
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = forwardedHops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                return peer; // a malformed hop: trust nothing beyond the proxy
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** @return {@code host:port} of the client for logs (the peer's port when behind a proxy) */
    public static String describe(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * {@code X-Forwarded-For} first: the common proxies (nginx, Caddy) append to it but pass a
     * client's own {@code Forwarded} header through untouched, so only where a proxy sends no
     * {@code X-Forwarded-For} is {@code Forwarded} read.
     */
    private static List<String> forwardedHops(Request request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getValuesList("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        if (hops.isEmpty()) {
            for (String header : request.getHeaders().getValuesList("Forwarded")) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String trimmed = pair.trim();
                        if (trimmed.toLowerCase(Locale.ROOT).startsWith("for=")) {
                            hops.add(trimmed.substring(4));
                        }
                    }
                }
            }
        }
        return hops;
    }

    /** Parses {@code 1.2.3.4}, {@code "[2001:db8::1]:4711"} and friends; {@code null} for anything else. */
    private static InetAddress parse(String hop) {
        String value = hop.replace("\"", "").trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? "" : value.substring(1, end);
        } else if (value.chars().filter(c -> c == ':').count() == 1) {
            value = value.substring(0, value.indexOf(':')); // IPv4 with a port
        }
        boolean ipv4 = IPV4.matcher(value).matches();
        boolean ipv6 = value.indexOf(':') >= 0 && IPV6_CHARS.matcher(value).matches();
        if (!ipv4 && !ipv6) {
            return null; // "unknown", obfuscated identifiers, names: not an address (and no DNS lookup)
        }
        try {
            return InetAddress.getByName(value); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("trustedProxy is not an IP address: " + address, e);
        }
    }
}
