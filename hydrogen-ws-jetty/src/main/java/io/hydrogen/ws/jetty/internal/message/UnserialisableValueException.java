package io.hydrogen.ws.jetty.internal.message;

/**
 * A host's value has no JSON form under the documented rules. The message names the offending part
 * by its path (for example {@code status().sensors[2].port}), says why, and what to return instead;
 * it never names the library's JSON implementation.
 */
public final class UnserialisableValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    UnserialisableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
