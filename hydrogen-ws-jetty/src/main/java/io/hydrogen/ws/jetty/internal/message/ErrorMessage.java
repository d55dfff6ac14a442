package io.hydrogen.ws.jetty.internal.message;

import java.util.Map;
import java.util.Objects;

/**
 * One error of the documented envelope: {@code {"error":{"code","message","details"}}}.
 *
 * @param code the error code on the wire: a built-in {@link ErrorCode} or a host handler's own
 * @param message a human-readable sentence
 * @param details machine-readable facts as plain Java
 */
public record ErrorMessage(String code, String message, Map<String, Object> details) {

    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }

    /** @return a built-in error */
    public static ErrorMessage of(ErrorCode code, String message, Map<String, Object> details) {
        return new ErrorMessage(code.wire(), message, details);
    }

    /** @return a built-in error whose details hold just a {@code reason} */
    public static ErrorMessage withReason(ErrorCode code, String message, String reason) {
        return of(code, message, Map.of("reason", reason));
    }
}
