package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonElement;

/** A client message that breaks the protocol; carries the reason and the request id, if known. */
public final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient JsonElement id;

    InvalidMessageException(String reason, JsonElement id) {
        super(reason, null, false, false);
        this.id = id;
    }

    /** @return the request id to echo, or {@code null} */
    public JsonElement id() {
        return id;
    }
}
