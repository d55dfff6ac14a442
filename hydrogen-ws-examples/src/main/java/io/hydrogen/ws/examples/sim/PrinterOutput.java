package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Temperatures;
import io.hydrogen.ws.topics.Topics;
import java.util.Objects;

/**
 * Where a {@link SimulatedPrinter} publishes what it does. The runner sends it to the server's
 * built-in topics ({@link #to(Topics)}); tests record it. Implementations must not block: the
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
     * @param topics a running server's topics
     * @return an output that publishes to the built-in {@code temperature}, {@code job} and
     *     {@code notification} topics (whose publish methods never block)
     */
    static PrinterOutput to(Topics topics) {
        Objects.requireNonNull(topics, "topics");
        return new PrinterOutput() {
            @Override
            public void temperatures(Temperatures temperatures) {
                topics.temperature().publish(temperatures);
            }

            @Override
            public void job(JobStatus job) {
                topics.job().publish(job);
            }

            @Override
            public void notification(Notification notification) {
                topics.notifications().emit(notification);
            }
        };
    }
}
