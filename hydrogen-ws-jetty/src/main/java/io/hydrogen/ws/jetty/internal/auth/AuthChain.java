package io.hydrogen.ws.jetty.internal.auth;

import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HandshakeRequest;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the authenticators in order; the first decision that is not "abstain" wins. An
 * authenticator that throws or returns {@code null} is treated as rejecting (and logged).
 * Immutable and thread-safe.
 */
public final class AuthChain {

    private static final Logger LOG = LoggerFactory.getLogger(AuthChain.class);

    /**
     * A decision and the authenticator that made it.
     *
     * @param decision never {@link AuthDecision.Outcome#ABSTAIN}
     * @param decidedBy the authenticator, or {@code null} if every one abstained
     */
    public record Verdict(AuthDecision decision, Authenticator decidedBy) {
    }

    private final List<Authenticator> authenticators;
    private final boolean inBandAllowed;

    public AuthChain(List<Authenticator> authenticators, boolean inBandAllowed) {
        this.authenticators = List.copyOf(authenticators);
        this.inBandAllowed = inBandAllowed;
    }

    /** Decides a handshake: accept, reject or defer (only when in-band auth is allowed). */
    public Verdict handshake(HandshakeRequest request) {
        return handshake(request, inBandAllowed);
    }

    /** Decides a plain HTTP request, which has no in-band alternative: accept or reject. */
    public Verdict http(HandshakeRequest request) {
        return handshake(request, false);
    }

    private Verdict handshake(HandshakeRequest request, boolean deferAllowed) {
        Verdict verdict = decide(a -> a.authenticate(request), "no authenticator accepted the request");
        if (verdict.decision().outcome() == AuthDecision.Outcome.DEFER_TO_IN_BAND && !deferAllowed) {
            return new Verdict(AuthDecision.reject("missing Authorization header"), verdict.decidedBy());
        }
        return verdict;
    }

    /** Decides an in-band {@code auth} message: accept or reject. */
    public Verdict inBand(String key, HandshakeRequest request) {
        Verdict verdict = decide(a -> a.authenticateInBand(key, request), "invalid key");
        if (verdict.decision().outcome() == AuthDecision.Outcome.DEFER_TO_IN_BAND) {
            return new Verdict(AuthDecision.reject("invalid key"), verdict.decidedBy());
        }
        return verdict;
    }

    private Verdict decide(Function<Authenticator, AuthDecision> ask, String whenAllAbstain) {
        for (Authenticator authenticator : authenticators) {
            AuthDecision decision;
            try {
                decision = ask.apply(authenticator);
            } catch (RuntimeException e) {
                LOG.warn("Authenticator {} failed; rejecting the client", authenticator.getClass().getName(), e);
                return new Verdict(AuthDecision.reject("authentication failed"), authenticator);
            }
            if (decision == null) {
                LOG.warn("Authenticator {} returned null; rejecting the client", authenticator.getClass().getName());
                return new Verdict(AuthDecision.reject("authentication failed"), authenticator);
            }
            if (decision.outcome() != AuthDecision.Outcome.ABSTAIN) {
                return new Verdict(decision, authenticator);
            }
        }
        return new Verdict(AuthDecision.reject(whenAllAbstain), null);
    }
}
