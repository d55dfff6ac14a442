package io.hydrogen.ws.jetty.internal.message;

import java.util.Map;
import java.util.Objects;

/**
 * One error of the documented envelope: {@code {"error":{"code","message","details"}}}.
 *
 * @param code the error code
 * @param message a human-readable sentence
 * @param details machine-readable facts: strings, numbers, booleans or lists of them
 */
public record ErrorMessage(ErrorCode code, String message, Map<String, Object> details) {

    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }

    /** @return an error whose details hold just a {@code reason} */
    public static ErrorMessage withReason(ErrorCode code, String message, String reason) {
        return new ErrorMessage(code, message, Map.of("reason", reason));
    }
}
