package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a server sent something the contract does not describe, even when
 * the test never looked at that message. {@link TestClient} records every violation here as it
 * receives it; this extension (registered for every test by JUnit's extension auto-detection, see
 * junit-platform.properties) clears the record before each test and fails the test after it if
 * anything is left. Tests run one at a time per JVM here, so a shared record is attributable.
 */
public final class ContractViolations implements BeforeEachCallback, AfterEachCallback {

    private record Violation(Object source, String text) {
    }

    private static final ConcurrentLinkedQueue<Violation> RECORDED = new ConcurrentLinkedQueue<>();

    /** Created by JUnit (auto-detected through META-INF/services). */
    public ContractViolations() {
    }

    /** Records that {@code source} received a message the contract does not describe. */
    static void record(Object source, String text) {
        RECORDED.add(new Violation(source, text));
    }

    /** Forgets what {@code source} recorded: for tests that provoke a violation on purpose. */
    static void forget(Object source) {
        RECORDED.removeIf(violation -> violation.source() == source);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RECORDED.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> texts = new ArrayList<>();
        for (Violation violation; (violation = RECORDED.poll()) != null; ) {
            texts.add(violation.text());
        }
        if (!texts.isEmpty()) {
            fail("the server sent messages the contract (docs/contract) does not describe:%n%s",
                    String.join(System.lineSeparator(), texts));
        }
    }
}
