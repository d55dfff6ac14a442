package io.hydrogen.ws.examples;

// tag::imports[]
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.HydrogenWebSocketServerBuilder;
import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.StatusProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
// end::imports[]

/** The samples of docs/spi.md, compiled with every build. */
public final class SpiSamples {

    private SpiSamples() {
    }

    // tag::status-provider[]
    /** Puts the printer's state into every status message as {@code "printer": {...}}. */
    public static final class PrinterStatusProvider implements StatusProvider {

        /** The value: a record serialises to a JSON object with its components. */
        public record PrinterState(String state, double progress, List<Integer> temperatures) {
        }

        @Override
        public String section() {
            return "printer";
        }

        @Override
        public Object status() {
            return new PrinterState("printing", 0.42, List.of(210, 60)); // read your printer here
        }
    }
    // end::status-provider[]

    // tag::authenticator[]
    /** Accepts {@code Authorization: Bearer <token>} for known tablets; leaves everything else to the next. */
    public static final class TabletTokenAuthenticator implements Authenticator {

        private final Map<String, String> tabletByToken;

        public TabletTokenAuthenticator(Map<String, String> tabletByToken) {
            this.tabletByToken = Map.copyOf(tabletByToken);
        }

        @Override
        public AuthDecision authenticate(HandshakeRequest request) {
            String header = request.header("Authorization").orElse("");
            if (!header.startsWith("Bearer ")) {
                return AuthDecision.abstain();             // not ours: the API-key check decides
            }
            String tablet = tabletByToken.get(header.substring("Bearer ".length()));
            return tablet != null ? AuthDecision.accept("tablet:" + tablet) : AuthDecision.reject("unknown token");
        }
    }
    // end::authenticator[]

    // tag::event-listener[]
    /** An audit log of connections; every other event keeps its no-op default. */
    public static final class AuditLog implements HydrogenEventListener {

        private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

        @Override
        public void connectionAuthenticated(ConnectionInfo connection) {
            LOG.info("{} connected from {}", connection.principal(), connection.remoteAddress());
        }

        @Override
        public void authFailed(String remoteAddress, String reason) {
            LOG.warn("refused {}: {}", remoteAddress, reason);
        }
    }
    // end::event-listener[]

    /**
     * Registers all of the above on a builder, plus two message handlers.
     *
     * @param key the API key
     * @return the builder
     */
    public static HydrogenWebSocketServerBuilder configured(String key) {
        Set<String> printableFiles = Set.of("benchy.gcode");
        // tag::registration[]
        HydrogenWebSocketServerBuilder builder = HydrogenWebSocketServer.builder()
                .apiKey(key)
                .auth(auth -> auth.authenticator(new TabletTokenAuthenticator(Map.of("s3cr3t-tablet-token", "lobby"))))
                .eventListener(new AuditLog())
                .endpoint(endpoint -> endpoint
                        .statusProvider(new PrinterStatusProvider())
                        // {"type":"job.start","id":1,"file":"benchy.gcode"} -> {"type":"result","id":1,"request":"job.start","result":{...}}
                        .messageHandler("job.start", request -> {
                            Object file = request.payload().get("file");
                            if (!printableFiles.contains(file)) {
                                throw new MessageException("unknown_file", "No such file",
                                        Map.of("file", String.valueOf(file)));
                            }
                            return Map.of("started", file, "by", request.connection().principal());
                        })
                        // Slow work returns a CompletionStage; the reply goes out when it completes.
                        .messageHandler("printer.home",
                                request -> CompletableFuture.supplyAsync(() -> Map.of("homed", true))));
        // end::registration[]
        return builder;
    }
}
