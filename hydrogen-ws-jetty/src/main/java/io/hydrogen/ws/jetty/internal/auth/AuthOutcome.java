package io.hydrogen.ws.jetty.internal.auth;

/**
 * What the handshake's credentials decide.
 *
 * @param result accepted, pending in-band auth, or rejected
 * @param reason why it was rejected (for the client and the log; never contains the key), or {@code null}
 */
public record AuthOutcome(Result result, String reason) {

    /** The three outcomes. */
    public enum Result {
        /** A valid key in the {@code Authorization} header. */
        ACCEPTED,
        /** No header: the client must authenticate with its first message. */
        PENDING,
        /** A missing (with in-band auth off), malformed or wrong key. */
        REJECTED
    }

    static final AuthOutcome ACCEPTED = new AuthOutcome(Result.ACCEPTED, null);
    static final AuthOutcome PENDING = new AuthOutcome(Result.PENDING, null);

    static AuthOutcome rejected(String reason) {
        return new AuthOutcome(Result.REJECTED, reason);
    }
}
