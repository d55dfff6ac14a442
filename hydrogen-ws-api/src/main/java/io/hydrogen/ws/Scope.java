package io.hydrogen.ws;

import java.util.Locale;

/**
 * What a key (or an authenticator's principal) may do. Each scope includes the ones before it:
 * {@link #CONTROL} may do all that {@link #MONITOR} may, {@link #ADMIN} all that {@link #CONTROL}
 * may.
 */
public enum Scope {
    /** Status, topics, ping, and the host's plain message handlers: a read-only display. */
    MONITOR,
    /** Also the host's commands and the control lease: the operator. */
    CONTROL,
    /** Also taking the control lease by force from whoever holds it. */
    ADMIN;

    /** @return the name on the wire, for example {@code control} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param required the scope an action needs
     * @return whether this scope allows it
     */
    public boolean includes(Scope required) {
        return compareTo(required) >= 0;
    }
}
