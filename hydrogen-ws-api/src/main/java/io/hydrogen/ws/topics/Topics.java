package io.hydrogen.ws.topics;

import java.util.List;

/**
 * The endpoint's topics: the built-in {@code job}, {@code temperature} and {@code notification},
 * and the host's own, declared on the builder. Thread-safe.
 */
public interface Topics {

    /** The built-in state topic of the print job. */
    String JOB = "job";
    /** The built-in state topic of heaters and sensors. */
    String TEMPERATURE = "temperature";
    /** The built-in event topic of notifications. */
    String NOTIFICATION = "notification";
    /** The built-in state topic of the control lease: who may run commands. The SDK publishes it. */
    String CONTROL = "control";
    /** The status message, a topic every authenticated connection is subscribed to from the start. */
    String STATUS = "status";

    /** @return the print job topic */
    StateTopic<JobStatus> job();

    /** @return the temperature topic */
    StateTopic<Temperatures> temperature();

    /** @return the notification topic */
    EventTopic<Notification> notifications();

    /**
     * Returns a state topic the host declared on the builder.
     *
     * @param name the topic's name
     * @return the topic
     * @throws IllegalArgumentException if no state topic of that name was declared
     */
    StateTopic<Object> state(String name);

    /**
     * Returns an event topic the host declared on the builder.
     *
     * @param name the topic's name
     * @return the topic
     * @throws IllegalArgumentException if no event topic of that name was declared
     */
    EventTopic<Object> events(String name);

    /**
     * Returns every topic, {@code status} included, with its latest sequence number.
     *
     * @return the topics, by name
     */
    List<TopicInfo> list();

    /**
     * Returns the epoch: a random string chosen at every start. Sequence numbers are meaningful only
     * within one epoch; a client that resumes with another epoch starts afresh.
     *
     * @return the epoch, at least 8 URL-safe characters
     */
    String epoch();
}
