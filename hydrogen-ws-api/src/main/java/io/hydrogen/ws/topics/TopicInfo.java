package io.hydrogen.ws.topics;

/**
 * One topic as the {@code topics} request lists it.
 *
 * @param name the topic's name
 * @param kind its kind
 * @param seq the sequence number of its latest publication (0 before the first)
 */
public record TopicInfo(String name, TopicKind kind, long seq) {
}
