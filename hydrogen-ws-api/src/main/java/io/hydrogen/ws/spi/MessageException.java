package io.hydrogen.ws.spi;

import java.util.Map;

/**
 * Thrown by a {@link MessageHandler} to answer with an error of its choosing, in the documented
 * envelope: {@code {"type":"error","id":...,"error":{"code","message","details"}}}.
 */
public class MessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The error code the client receives; serialized, unlike the details. */
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
     * Creates an error.
     *
     * @param code the error code, {@code [a-z][a-z0-9_]{0,63}}
     * @param message a sentence for humans
     * @param details machine-readable facts, as plain Java
     */
    public MessageException(String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = Names.requireErrorCode(code);
        this.details = Map.copyOf(details);
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return the details; unmodifiable */
    public Map<String, Object> details() {
        return details;
    }
}
