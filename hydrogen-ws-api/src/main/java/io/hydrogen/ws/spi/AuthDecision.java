package io.hydrogen.ws.spi;

import java.util.Objects;

/**
 * What an {@link Authenticator} decides about a handshake or an in-band {@code auth} message.
 * Immutable.
 */
public final class AuthDecision {

    /** The kinds of decision. */
    public enum Outcome {
        /** Authenticated, with a principal name. */
        ACCEPT,
        /** Refused: HTTP 401 at the handshake, or {@code auth_failed} and close 1008 in-band. */
        REJECT,
        /** Upgrade now; the client must authenticate with its first message (handshake only). */
        DEFER_TO_IN_BAND,
        /** Not this authenticator's call: ask the next one. */
        ABSTAIN
    }

    private static final AuthDecision DEFER = new AuthDecision(Outcome.DEFER_TO_IN_BAND, null, null);
    private static final AuthDecision ABSTAIN = new AuthDecision(Outcome.ABSTAIN, null, null);

    private final Outcome outcome;
    private final String principal;
    private final String reason;

    private AuthDecision(Outcome outcome, String principal, String reason) {
        this.outcome = outcome;
        this.principal = principal;
        this.reason = reason;
    }

    /**
     * Accepts the client.
     *
     * @param principal a name for the client that logs and metrics events may show; never a secret
     * @return the decision
     */
    public static AuthDecision accept(String principal) {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("principal must not be blank");
        }
        return new AuthDecision(Outcome.ACCEPT, principal, null);
    }

    /**
     * Rejects the client with {@code auth_failed}.
     *
     * @param reason why, for the client's {@code details.reason} and the log; never a secret
     * @return the decision
     */
    public static AuthDecision reject(String reason) {
        return new AuthDecision(Outcome.REJECT, null, Objects.requireNonNull(reason, "reason"));
    }

    /** @return the decision to upgrade now and authenticate with the first message */
    public static AuthDecision deferToInBand() {
        return DEFER;
    }

    /** @return the decision to let the next authenticator decide */
    public static AuthDecision abstain() {
        return ABSTAIN;
    }

    /** @return the kind of decision */
    public Outcome outcome() {
        return outcome;
    }

    /** @return the principal of an {@link Outcome#ACCEPT}, else {@code null} */
    public String principal() {
        return principal;
    }

    /** @return the reason of a {@link Outcome#REJECT}, else {@code null} */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "AuthDecision[" + outcome + (principal != null ? ", principal=" + principal : "")
                + (reason != null ? ", reason=" + reason : "") + "]";
    }
}
