package io.hydrogen.ws.benchmark.client;

import java.io.IOException;

/** A raw WebSocket upgrade that the server answered with something other than 101. */
public final class HandshakeStatusException extends IOException {

    private final int status;

    HandshakeStatusException(int status, String statusLine) {
        super("upgrade refused: " + statusLine);
        this.status = status;
    }

    /** @return the HTTP status code, or 0 if the response was not HTTP */
    public int status() {
        return status;
    }
}
