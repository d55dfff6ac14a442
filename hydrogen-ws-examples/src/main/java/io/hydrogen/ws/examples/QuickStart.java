package io.hydrogen.ws.examples;

// tag::imports[]
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
// end::imports[]

/** The embedding example of the README, compiled so that it cannot rot. */
public final class QuickStart {

    private static final Logger LOG = LoggerFactory.getLogger(QuickStart.class);

    private QuickStart() {
    }

    /**
     * Starts a server on port 5001 (or the next free one up to 5010) until the JVM is stopped; on
     * Ctrl+C (SIGINT) or SIGTERM the shutdown hook closes the server, which says goodbye to every
     * client with a last status and close code 1001.
     */
    public static void main(String[] args) throws InterruptedException {
        // tag::quickstart[]
        try (HydrogenWebSocketServer server = HydrogenWebSocketServer.builder()
                .port(5001)                                   // falls back up to 5010
                .apiKey(System.getenv("HYDROGEN_WS_KEY"))
                .statusInterval(Duration.ofSeconds(1))
                .build()) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // Ctrl+C: a goodbye, not 1006
            server.start();
            LOG.info("status on {}", server.uri());
            new CountDownLatch(1).await();                    // your application runs here
        }
        // end::quickstart[]
    }
}
