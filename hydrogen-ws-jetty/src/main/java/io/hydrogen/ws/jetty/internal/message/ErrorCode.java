package io.hydrogen.ws.jetty.internal.message;

/** The error codes of the documented envelope; {@link #wire()} is what clients see. */
public enum ErrorCode {
    /** Authentication failed: missing, malformed or wrong key, or in-band auth not completed. */
    AUTH_FAILED("auth_failed"),
    /** The message could not be understood: bad JSON, wrong shape, unknown type, binary, too large. */
    INVALID_MESSAGE("invalid_message"),
    /** The server failed while handling a valid request, or is shutting down. */
    SERVER_ERROR("server_error"),
    /** The WebSocket handshake did not offer the required subprotocol. */
    UNSUPPORTED_PROTOCOL("unsupported_protocol"),
    /** A plain HTTP request to the WebSocket path. */
    UPGRADE_REQUIRED("upgrade_required"),
    /** An HTTP request to a path the server does not serve. */
    NOT_FOUND("not_found"),
    /** An HTTP method the path does not support. */
    METHOD_NOT_ALLOWED("method_not_allowed");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** @return the code as it appears in {@code error.code} */
    public String wire() {
        return wire;
    }
}
