package io.hydrogen.ws.spi;

import io.hydrogen.ws.Scope;
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

    private static final AuthDecision DEFER = new AuthDecision(Outcome.DEFER_TO_IN_BAND, null, null, null);
    private static final AuthDecision ABSTAIN = new AuthDecision(Outcome.ABSTAIN, null, null, null);

    private final Outcome outcome;
    private final String principal;
    private final Scope scope;
    private final String reason;

    private AuthDecision(Outcome outcome, String principal, Scope scope, String reason) {
        this.outcome = outcome;
        this.principal = principal;
        this.scope = scope;
        this.reason = reason;
    }

    /**
     * Accepts the client with every scope ({@link Scope#ADMIN}), as in v0.1.
     *
     * @param principal a name for the client that logs and metrics events may show; never a secret
     * @return the decision
     * @throws IllegalArgumentException if {@code principal} is blank
     */
    public static AuthDecision accept(String principal) {
        return accept(principal, Scope.ADMIN);
    }

    /**
     * Accepts the client as {@code principal} with a narrower scope than every scope: for example
     * {@link Scope#MONITOR} for a display that may only watch.
     *
     * @param principal who the client is; shown to event listeners and handlers, never a secret
     * @param scope what the client may do
     * @return the decision
     * @throws IllegalArgumentException if {@code principal} is blank
     * @throws NullPointerException if {@code scope} is {@code null}
     */
    public static AuthDecision accept(String principal, Scope scope) {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("principal must not be blank");
        }
        return new AuthDecision(Outcome.ACCEPT, principal, Objects.requireNonNull(scope, "scope"), null);
    }

    /**
     * Rejects the client with {@code auth_failed}.
     *
     * @param reason why, for the client's {@code details.reason} and the log; never a secret
     * @return the decision
     */
    public static AuthDecision reject(String reason) {
        return new AuthDecision(Outcome.REJECT, null, null, Objects.requireNonNull(reason, "reason"));
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

    /**
     * @return the scope of an {@link Outcome#ACCEPT} ({@link Scope#ADMIN}, every scope, unless the
     *     authenticator narrowed it), else {@code null}
     */
    public Scope scope() {
        return scope;
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
