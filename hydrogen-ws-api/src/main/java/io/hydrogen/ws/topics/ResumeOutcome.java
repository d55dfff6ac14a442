package io.hydrogen.ws.topics;

/** What became of a subscription's {@code resume}, as event listeners learn it. */
public enum ResumeOutcome {
    /** The subscription did not ask to resume (or the topic is not an event topic). */
    NONE,
    /** It resumed: every event after the client's {@code seq} is replayed. */
    RESUMED,
    /** It could not resume (another epoch, or events left the replay window): the client missed events. */
    MISSED
}
