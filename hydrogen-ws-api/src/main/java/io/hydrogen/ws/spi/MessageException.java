package io.hydrogen.ws.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a {@link MessageHandler} to answer with an error of its choosing, in the documented
 * envelope: {@code {"type":"error","id":...,"error":{"code","message","details"}}}.
 */
public class MessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Map<String, Object> details;

    /**
     * Creates an error with empty details.
     *
     * @param code the error code, {@code [a-z][a-z0-9_]{0,63}}, for example {@code printer_busy}
     * @param message a sentence for humans
     */
    public MessageException(String code, String message) {
        this(code, message, Map.of());
    }

    /**
     * Creates an error. The details are copied (in their iteration order) and may hold anything a
     * {@link StatusProvider#status()} may return, including {@code null} values, records and
     * arrays; they are serialised by the same rules (see {@code docs/spi.md}, "Values").
     *
     * @param code the error code, {@code [a-z][a-z0-9_]{0,63}}
     * @param message a sentence for humans
     * @param details machine-readable facts, as plain Java; values may be {@code null}, keys not
     * @throws IllegalArgumentException if the code is malformed
     * @throws NullPointerException if {@code details} or one of its keys is {@code null}
     */
    public MessageException(String code, String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.code = Names.requireErrorCode(code);
        this.details = copy(details);
    }

    private static Map<String, Object> copy(Map<String, ?> details) {
        Objects.requireNonNull(details, "details");
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "a key of details"), value));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return the details in the order given; unmodifiable, values may be {@code null} */
    public Map<String, Object> details() {
        return details;
    }
}
