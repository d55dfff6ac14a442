package io.hydrogen.ws.examples;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT and SIGTERM into a latch, so that the runner can shut down gracefully and exit 0.
 *
 * <p>A JVM shutdown hook would also run on these signals, but the JVM then exits with 130 or 143;
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}, supported in practice on every JDK) is
 * the only way to handle the signal and choose the exit code.
 */
final class ShutdownSignals {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    /** @return a latch that opens on the first SIGINT or SIGTERM */
    @SuppressWarnings("restriction")
    static CountDownLatch install() {
        CountDownLatch received = new CountDownLatch(1);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    LOG.info("Received SIG{}", signal.getName());
                    received.countDown();
                });
            } catch (IllegalArgumentException e) {
                LOG.warn("Cannot handle SIG{} on this platform: {}", name, e.getMessage());
            }
        }
        return received;
    }
}
