package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the runner lists for a server bound to every interface. */
class ListenAddressesTest {

    private static final URI BOUND = URI.create("ws://127.0.0.1:5001/");

    @Test
    void wildcardsAreRecognised() {
        assertThat(ListenAddresses.isWildcard("0.0.0.0")).isTrue();
        assertThat(ListenAddresses.isWildcard("::")).isTrue();
        assertThat(ListenAddresses.isWildcard("127.0.0.1")).isFalse();
        assertThat(ListenAddresses.isWildcard("::1")).isFalse();
    }

    @Test
    void loopbackFirstIpv4BeforeIpv6AndNoLinkLocal() throws Exception {
        List<InetAddress> addresses = addresses("fd00::2", "192.168.1.20", "fe80::1", "::1", "127.0.0.1",
                "169.254.3.4");
        assertThat(ListenAddresses.uris(BOUND, addresses)).map(URI::toString).containsExactly(
                "ws://127.0.0.1:5001/", "ws://[::1]:5001/", "ws://192.168.1.20:5001/", "ws://[fd00::2]:5001/");
    }

    @Test
    void withoutIpv6AddressesTheWildcardIsIpv4Only() throws Exception {
        List<InetAddress> addresses = addresses("127.0.0.1", "10.0.0.7");
        assertThat(ListenAddresses.takesIpv6(addresses)).isFalse();
        assertThat(ListenAddresses.uris(URI.create("wss://127.0.0.1:443/ws"), addresses)).map(URI::toString)
                .containsExactly("wss://127.0.0.1:443/ws", "wss://10.0.0.7:443/ws");
    }

    @Test
    void ipv6LiteralsAreWrittenShort() throws Exception {
        assertThat(ListenAddresses.literal(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(ListenAddresses.literal(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(ListenAddresses.literal(InetAddress.getByName("fd00::2"))).isEqualTo("fd00::2");
        assertThat(ListenAddresses.literal(InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(ListenAddresses.literal(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ListenAddresses.literal(InetAddress.getByName("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(ListenAddresses.literal(InetAddress.getByName("1:0:3:4:5:6:7:8"))).isEqualTo("1:0:3:4:5:6:7:8");
        assertThat(ListenAddresses.literal(InetAddress.getByName("1:2:3:4:5:6:7:0"))).isEqualTo("1:2:3:4:5:6:7:0");
        assertThat(ListenAddresses.literal(InetAddress.getByName("1:2:3:4:5:6:0:0"))).isEqualTo("1:2:3:4:5:6::");
        assertThat(ListenAddresses.literal(InetAddress.getByName("192.168.1.20"))).isEqualTo("192.168.1.20");
    }

    @Test
    void noAddressesFallsBackToTheBoundUri() {
        assertThat(ListenAddresses.uris(BOUND, List.of())).containsExactly(BOUND);
    }

    @Test
    void thisMachineListsItsLoopback() {
        assertThat(ListenAddresses.uris(BOUND, ListenAddresses.local())).contains(BOUND);
    }

    private static List<InetAddress> addresses(String... literals) throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            addresses.add(InetAddress.getByName(literal)); // a literal: no lookup
        }
        return addresses;
    }
}
