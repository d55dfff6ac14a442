package io.hydrogen.ws.testkit;

import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.spi.StatusProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Small, correct implementations of each SPI, which the kits must pass. */
final class SampleImplementations {

    static final String TOKEN = "sample-token-0123456789";

    private SampleImplementations() {
    }

    record Progress(String job, double fraction, List<Integer> temperatures) {
    }

    static final class PrinterStatus implements StatusProvider {
        private final AtomicLong calls = new AtomicLong();

        @Override
        public String section() {
            return "printer";
        }

        @Override
        public Object status() {
            return Map.of("state", "printing", "calls", calls.incrementAndGet(),
                    "progress", new Progress("benchy", 0.42, List.of(210, 60)));
        }
    }

    static final class BearerAuthenticator implements Authenticator {
        @Override
        public AuthDecision authenticate(HandshakeRequest request) {
            String authorization = request.header("Authorization").orElse("");
            if (!authorization.startsWith("Bearer ")) {
                return AuthDecision.abstain();
            }
            return authenticateInBand(authorization.substring(7), request);
        }

        @Override
        public AuthDecision authenticateInBand(String key, HandshakeRequest request) {
            return TOKEN.equals(key) ? AuthDecision.accept("sample-client") : AuthDecision.reject("unknown token");
        }
    }

    static final class CountingListener implements HydrogenEventListener {
        final AtomicLong events = new AtomicLong();

        @Override
        public void connectionOpened(ConnectionInfo connection) {
            events.incrementAndGet();
        }

        @Override
        public void messageReceived(ConnectionInfo connection, String type, long bytes) {
            events.incrementAndGet();
        }

        @Override
        public void connectionClosed(ConnectionInfo connection, boolean wasAuthenticated, int code, String reason) {
            events.incrementAndGet();
        }
    }

    /** Answers {@code echo} at once, {@code later} asynchronously, and {@code busy} with an error. */
    static final class EchoHandler implements MessageHandler {
        @Override
        public Object handle(MessageRequest request) throws MessageException {
            Object mode = request.payload().get("mode");
            if ("busy".equals(mode)) {
                throw new MessageException("printer_busy", "The printer is busy", Map.of("retry_ms", 500L));
            }
            Map<String, Object> result = Map.of("echo", request.payload(), "from", request.connection().principal());
            if ("later".equals(mode)) {
                return CompletableFuture.supplyAsync(() -> result);
            }
            if ("later_busy".equals(mode)) {
                return CompletableFuture.failedFuture(new MessageException("printer_busy", "busy"));
            }
            return result;
        }
    }
}
