package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys never appear in logs, whatever happens: captures all log output of a run full of failures. */
class SecretsNotLoggedTest {

    private static final String GOOD = "GoodSecretKey-7f3a9c2e1b";
    private static final String ROTATED = "RotatedSecretKey-44d1e0";
    private static final String WRONG = "WrongGuessKey-0000aaaa";

    @Test
    void noKeyAppearsInAnyLogLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes to whatever System.err is at the time of each log call.
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            runAWorkday();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Authentication failed"); // the run did log its failures
        assertThat(log).contains("Command printer.home from api-key:"); // and audited its command
        assertThat(log).doesNotContain(GOOD).doesNotContain(ROTATED).doesNotContain(WRONG);
    }

    private static void runAWorkday() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback().apiKey(GOOD)
                .auth(a -> a.queryKeyAuth(true).authTimeout(Duration.ofMillis(300)))
                .endpoint(e -> e.command("printer.home", request -> Map.of("homed", true))))) {
            server.apiKeys().add(ROTATED);
            RawHttp.upgrade(server.port(), "/", "Authorization: Key " + WRONG, "Sec-WebSocket-Protocol: hydrogen-protocol");
            RawHttp.upgrade(server.port(), "/?key=" + WRONG, "Sec-WebSocket-Protocol: hydrogen-protocol");
            RawHttp.get(server.port(), "/api/system/info", "Authorization: Key " + WRONG);
            try (TestClient inBand = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
                inBand.send("{\"type\":\"auth\",\"key\":\"" + WRONG + "\"}");
                inBand.awaitClose();
            }
            try (TestClient malformed = TestClient.connect(server.uri(), "hydrogen-protocol", null)) {
                malformed.send("{\"type\":\"auth\",\"key\":\"" + WRONG + "\\u12G4\"}");
                malformed.awaitClose();
            }
            try (TestClient good = TestClient.connect(server.uri(), GOOD);
                 TestClient rotated = TestClient.connect(URI.create(server.uri() + "?key=" + ROTATED),
                         "hydrogen-protocol", null)) {
                good.next("status");
                rotated.next("status");
                server.apiKeys().revoke(ROTATED);
                rotated.awaitClose();
                good.send("{\"type\":\"nope\",\"key\":\"" + WRONG + "\"}");
                good.nextNonStatus();
                good.send("{\"type\":\"control.acquire\",\"client\":\"Kitchen tablet\"}");
                good.nextNonStatus();
                good.send("{\"type\":\"printer.home\",\"key\":\"" + WRONG + "\"}");
                good.nextNonStatus();
            }
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws java.io.IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
