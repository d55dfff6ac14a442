package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The log warns about a weak key whether it is configured or added at runtime, and when the last
 * key is revoked; never with the key in it.
 */
class KeyWarningsTest {

    private static final String WEAK_AT_START = "short-key-1";
    private static final String WEAK_AT_RUNTIME = "short-key-2";

    @Test
    void aWeakKeyIsWarnedAboutAtStart() {
        String log = capturingLog(() -> {
            try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback().apiKey(WEAK_AT_START))) {
                assertThat(server.apiKeys().size()).isEqualTo(2);
            }
        });
        assertThat(log).contains("1 of 2 API keys are shorter than 16 characters").doesNotContain(WEAK_AT_START);
    }

    @Test
    void aWeakKeyAddedAtRuntimeGetsTheSameWarning() {
        String log = capturingLog(() -> {
            try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
                server.apiKeys().add("a-long-enough-runtime-key-0123");
                server.apiKeys().add(WEAK_AT_RUNTIME);
            }
        });
        assertThat(log).contains("An API key added at runtime is shorter than 16 characters and easy to guess")
                .doesNotContain(WEAK_AT_RUNTIME);
        assertThat(log.split("shorter than 16", -1)).hasSize(2); // the long key is not warned about
    }

    @Test
    void revokingTheLastKeyWarnsThatNoKeyIsLeft() {
        String log = capturingLog(() -> {
            try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                    .apiKey("a-second-key-0123456789"))) {
                server.apiKeys().revoke(ServerFixture.KEY);
                assertThat(logSoFar()).doesNotContain("last API key");
                server.apiKeys().revoke("a-second-key-0123456789");
                assertThat(server.apiKeys().size()).isZero();
            }
        });
        assertThat(log).contains("The last API key was revoked: no client can authenticate with a key");
    }

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private String logSoFar() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** slf4j-simple writes to whatever {@code System.err} is at the time of each log call. */
    private String capturingLog(Runnable run) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                captured.write(b);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        return logSoFar();
    }
}
