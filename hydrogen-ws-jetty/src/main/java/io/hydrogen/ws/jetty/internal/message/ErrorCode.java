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
    /** A connection cap is reached (total, pending in-band, or per address): HTTP 503. */
    SERVER_BUSY("server_busy"),
    /** Too many authentication failures from the client's address: HTTP 429 with Retry-After. */
    TOO_MANY_AUTH_FAILURES("too_many_auth_failures"),
    /** The browser origin is not on the allow-list: HTTP 403. */
    ORIGIN_NOT_ALLOWED("origin_not_allowed"),
    /** The connection sends messages faster than allowed; the message was dropped. */
    RATE_LIMITED("rate_limited"),
    /** A subscription to a topic the server does not have. */
    UNKNOWN_TOPIC("unknown_topic"),
    /** The connection's scope does not allow the message ({@code details.required}, {@code details.command}). */
    FORBIDDEN("forbidden"),
    /** Another connection holds the control lease ({@code details.holder}). */
    CONTROL_HELD("control_held"),
    /** A release of a control lease the connection does not hold. */
    CONTROL_NOT_HELD("control_not_held"),
    /** A command from a connection that does not hold the control lease ({@code details.holder}). */
    CONTROL_REQUIRED("control_required"),
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
