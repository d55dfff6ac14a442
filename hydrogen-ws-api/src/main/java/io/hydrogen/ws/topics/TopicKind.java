package io.hydrogen.ws.topics;

import java.util.Locale;

/** The kinds of topic, as the protocol names them. */
public enum TopicKind {
    /** A JSON object whose latest value is what matters: snapshot, then merge-patch updates. */
    STATE,
    /** A stream in which every item matters: never conflated, replayable after a reconnect. */
    EVENT,
    /** The seed's status message, which every authenticated connection receives from the start. */
    STATUS;

    /** @return the name on the wire: {@code state}, {@code event} or {@code status} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
