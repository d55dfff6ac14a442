package io.hydrogen.ws.examples;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;

/**
 * Where a server bound to a wildcard ({@code 0.0.0.0} or {@code ::}) can be reached. The JDK makes
 * a wildcard socket dual-stack wherever the machine has IPv6 (unless
 * {@code -Djava.net.preferIPv4Stack=true}), so such a server listens on every address of every
 * interface, IPv6 included; one loopback URI would hide that.
 */
final class ListenAddresses {

    private ListenAddresses() {
    }

    /** @return whether a configured host is a wildcard that listens on every interface */
    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::");
    }

    /** @return the addresses of the machine's interfaces that are up; empty if the JDK cannot list them */
    static List<InetAddress> local() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(ListenAddresses::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    /** @return whether a wildcard socket takes IPv6 connections on a machine with these addresses */
    static boolean takesIpv6(List<InetAddress> addresses) {
        return !Boolean.getBoolean("java.net.preferIPv4Stack")
                && addresses.stream().anyMatch(address -> address instanceof Inet6Address);
    }

    /**
     * Lists the URIs that reach a wildcard-bound server: loopback first, IPv4 before IPv6, without
     * link-local addresses (they need a zone that differs per client).
     *
     * @param bound the server's URI; its scheme, port and path are kept, its host replaced
     * @param addresses the machine's addresses, as from {@link #local()}
     * @return one URI per address, {@code bound} alone if there are none
     */
    static List<URI> uris(URI bound, List<InetAddress> addresses) {
        boolean ipv6 = takesIpv6(addresses);
        List<URI> uris = addresses.stream()
                .filter(address -> !address.isLinkLocalAddress() && !address.isAnyLocalAddress())
                .filter(address -> ipv6 || !(address instanceof Inet6Address))
                .distinct()
                .sorted(Comparator.comparing((InetAddress address) -> !address.isLoopbackAddress())
                        .thenComparing(address -> address instanceof Inet6Address))
                .map(address -> withHost(bound, literal(address)))
                .toList();
        return uris.isEmpty() ? List.of(bound) : uris;
    }

    /** @return the address as people write it: {@code ::1}, not the JDK's {@code 0:0:0:0:0:0:0:1} (RFC 5952) */
    static String literal(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] hextets = new int[8];
        for (int i = 0; i < 8; i++) {
            hextets[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero hextet is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && hextets[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(hextets[i]));
            }
        }
        return text.toString();
    }

    private static URI withHost(URI uri, String host) {
        try {
            // The URI constructor adds the brackets an IPv6 literal needs.
            return new URI(uri.getScheme(), null, host, uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot make a URI with host " + host, e);
        }
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
