package io.hydrogen.ws.jetty.internal.message;

import com.google.gson.JsonObject;
import io.hydrogen.ws.spi.MessageException;
import java.util.Map;
import java.util.Objects;

/**
 * One error of the documented envelope: {@code {"error":{"code","message","details"}}}.
 *
 * @param code the error code on the wire: a built-in {@link ErrorCode} or a host handler's own
 * @param message a human-readable sentence
 * @param details machine-readable facts, already converted to JSON; never modified after construction
 */
public record ErrorMessage(String code, String message, JsonObject details) {

    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
    }

    /** @return an error of the library's own, with plain details (strings, numbers, lists, maps) */
    public static ErrorMessage of(String code, String message, Map<String, ?> details) {
        return new ErrorMessage(code, message, JsonValues.INTERNAL.toJsonObject(details, "details"));
    }

    /** @return a built-in error */
    public static ErrorMessage of(ErrorCode code, String message, Map<String, ?> details) {
        return of(code.wire(), message, details);
    }

    /** @return a built-in error whose details hold just a {@code reason} */
    public static ErrorMessage withReason(ErrorCode code, String message, String reason) {
        return of(code, message, Map.of("reason", reason));
    }

    /**
     * @return the error a host handler threw, its details converted by the server's rules
     * @throws UnserialisableValueException if a detail has no JSON form
     */
    public static ErrorMessage fromHost(MessageException e, JsonValues json) {
        return new ErrorMessage(e.code(), e.getMessage(), json.toJsonObject(e.details(), "details"));
    }
}
