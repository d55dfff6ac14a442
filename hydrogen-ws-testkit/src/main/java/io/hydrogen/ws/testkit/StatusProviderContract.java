package io.hydrogen.ws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hydrogen.ws.spi.Names;
import io.hydrogen.ws.spi.StatusProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for a {@link StatusProvider}: extend it in your tests and return the
 * provider under test.
 *
 * <pre>{@code
 * class PrinterStatusProviderContractTest extends StatusProviderContract {
 *     @Override
 *     protected StatusProvider provider() {
 *         return new PrinterStatusProvider(new FakePrinter());
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that {@link StatusProvider#section()} is a valid section name
 * ({@link Names#requireStatusSection(String)}) and stable, that {@link StatusProvider#status()}
 * returns only {@link PlainJava plain Java} (so the server can serialise it), and that
 * {@code status()} may be called from several threads at once without throwing (the server calls
 * one provider on one thread at a time, but a provider instance may be shared by several servers).
 *
 * <p>{@link #provider()} is called once per check. To leave a check out, override its method
 * without {@code @Test} and say why in a comment; to tune the concurrency check, override
 * {@link #threads()} or {@link #callsPerThread()}.
 */
public abstract class StatusProviderContract {

    /** @return the provider under test; a new one or a shared one */
    protected abstract StatusProvider provider();

    /** @return how many threads call {@code status()} at once; default 4 */
    protected int threads() {
        return 4;
    }

    /** @return how many times each thread calls {@code status()}; default 25 */
    protected int callsPerThread() {
        return 25;
    }

    /** @return how long one check may take before it fails as hanging; default 30 s */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /** {@code section()} passes {@link Names#requireStatusSection(String)}. */
    @Test
    public void sectionIsAValidSectionName() {
        String section = provider().section();
        try {
            Names.requireStatusSection(section);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("section() is not a valid status section name: " + e.getMessage(), e);
        }
    }

    /** {@code section()} returns the same name every time. */
    @Test
    public void sectionIsStable() {
        StatusProvider provider = provider();
        String first = provider.section();
        for (int i = 0; i < 3; i++) {
            assertThat(provider.section()).as("section() called again").isEqualTo(first);
        }
    }

    /** {@code status()} returns plain Java, call after call. */
    @Test
    public void statusIsPlainJava() {
        StatusProvider provider = provider();
        assertTimeoutPreemptively(timeout(), () -> {
            for (int i = 0; i < 3; i++) {
                PlainJava.assertPlainJava("status()", provider.status());
            }
        }, "status() did not return in time");
    }

    /** {@code status()} may be called concurrently, and still returns plain Java. */
    @Test
    public void statusMayBeCalledConcurrently() {
        StatusProvider provider = provider();
        Concurrently.run("status() called concurrently", threads(), callsPerThread(), timeout(),
                (thread, call) -> PlainJava.assertPlainJava("status() on thread " + thread, provider.status()));
    }
}
