package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Temperatures;
import io.hydrogen.ws.topics.Topics;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a {@link SimulatedPrinter} publishes what it does. The runner sends it to the server's
 * built-in topics ({@link #to(Supplier)}); tests record it. Implementations must not block: the
 * printer calls them while it holds its lock, so that what it publishes arrives in order.
 */
public interface PrinterOutput {

    /** @param temperatures the heaters' latest readings, for the {@code temperature} topic */
    void temperatures(Temperatures temperatures);

    /** @param job the job's latest state, for the {@code job} topic */
    void job(JobStatus job);

    /** @param notification something a person should know, for the {@code notification} topic */
    void notification(Notification notification);

    /**
     * Returns an output to a server's built-in {@code temperature}, {@code job} and
     * {@code notification} topics (whose publish methods never block). The topics are supplied
     * rather than given because the server is built after the printer: its commands
     * ({@link PrinterCommands}) are registered at build time and need the printer.
     *
     * @param topics asked on every publication: the server's topics once it is built, {@code null}
     *     before
     * @return the output; it throws {@link IllegalStateException} on a publication while
     *     {@code topics} supplies {@code null}
     */
    static PrinterOutput to(Supplier<Topics> topics) {
        Objects.requireNonNull(topics, "topics");
        return new PrinterOutput() {
            @Override
            public void temperatures(Temperatures temperatures) {
                topics().temperature().publish(temperatures);
            }

            @Override
            public void job(JobStatus job) {
                topics().job().publish(job);
            }

            @Override
            public void notification(Notification notification) {
                topics().notifications().emit(notification);
            }

            private Topics topics() {
                Topics current = topics.get();
                if (current == null) {
                    throw new IllegalStateException("the printer published before its server was built");
                }
                return current;
            }
        };
    }
}
