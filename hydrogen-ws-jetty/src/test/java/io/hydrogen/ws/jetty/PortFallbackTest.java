package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerStartException;
import io.hydrogen.ws.ServerState;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol item 1: binding with port fallback. */
class PortFallbackTest {

    private final List<ServerSocket> occupied = new ArrayList<>();

    @AfterEach
    void release() throws IOException {
        for (ServerSocket socket : occupied) {
            socket.close();
        }
    }

    @Test
    void busyPortsAreSkipped() throws Exception {
        int first = occupyConsecutive(3);
        try (HydrogenWebSocketServer server = ServerFixture.started(
                ServerFixture.loopback().port(first).binding(b -> b.portRangeEnd(first + 5)))) {
            assertThat(server.port()).isEqualTo(first + 3);
            assertThat(server.uri().toString()).isEqualTo("ws://127.0.0.1:" + (first + 3) + "/");
            try (TestClient client = TestClient.connect(server.uri(), KEY)) {
                client.next("status");
            }
        }
    }

    @Test
    void allPortsTakenFailsNamingTheRange() throws Exception {
        int first = occupyConsecutive(3);
        HydrogenWebSocketServer server = ServerFixture.loopback().port(first)
                .binding(b -> b.portRangeEnd(first + 2)).build();
        assertThatThrownBy(server::start)
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("ports " + first + "-" + (first + 2))
                .hasCauseInstanceOf(BindException.class);
        assertThat(server.context().state()).isEqualTo(ServerState.STOPPED);
        server.close(); // still fine after a failed start
    }

    @Test
    void portZeroBindsAnEphemeralPort() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void ipv6LoopbackWhenEnabled() {
        try (HydrogenWebSocketServer server = ServerFixture.started(
                ServerFixture.loopback().binding(b -> b.ipv6(true).host("::1")))) {
            assertThat(server.uri().getHost()).isEqualTo("[::1]");
            try (TestClient client = TestClient.connect(server.uri(), KEY)) {
                client.next("status");
            }
        }
    }

    /**
     * Occupies {@code count} consecutive loopback ports and returns the first. They are chosen
     * below the kernel's ephemeral range where it can be read: a port in that range may be taken
     * at any moment by an outgoing connection (of another test's client, say), so the free ports
     * right after the occupied ones, which the tests expect the server to bind, would not stay free.
     */
    private int occupyConsecutive(int count) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int ephemeralStart = ephemeralRangeStart();
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            if (ephemeralStart > 2_048) {
                first = ephemeralStart / 2 + random.nextInt(ephemeralStart / 2 - count - 8);
            } else {
                try (ServerSocket probe = new ServerSocket(0, 50, loopback)) {
                    first = probe.getLocalPort();
                }
            }
            if (first + count + 5 > 65535) {
                continue;
            }
            List<ServerSocket> taken = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    taken.add(new ServerSocket(first + i, 50, loopback));
                }
                new ServerSocket(first + count, 50, loopback).close(); // the port the server is to find free
                occupied.addAll(taken);
                return first;
            } catch (IOException busy) {
                for (ServerSocket socket : taken) {
                    socket.close();
                }
            }
        }
        throw new IllegalStateException("could not find " + count + " consecutive free ports");
    }

    /** @return the first port of the kernel's ephemeral range, or 0 if it cannot be read */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }
}
