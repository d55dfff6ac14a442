package io.hydrogen.ws.jetty.internal.auth;

import com.google.gson.JsonElement;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.jetty.internal.message.ErrorCode;
import io.hydrogen.ws.jetty.internal.message.ErrorMessage;
import io.hydrogen.ws.jetty.internal.message.HttpJsonResponses;
import io.hydrogen.ws.spi.AuthDecision;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one admission path: the WebSocket handshake, the in-band {@code auth} message and the HTTP
 * endpoints all ask it, and it always does the same things in the same order: refuse a throttled
 * address, ask the authenticators, and for every refusal count the failure, log it and tell the
 * event listeners. Thread-safe.
 */
public final class Admission {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    private static final String THROTTLED = "too many authentication failures";

    /** What admission decided. */
    public enum Outcome {
        /** Authenticated: {@link Decision#verdict()} names the principal and the authenticator. */
        ACCEPTED,
        /** No credentials at the handshake: the client may authenticate in-band. */
        DEFERRED,
        /** Refused: wrong or missing credentials. */
        REFUSED,
        /** Refused without asking: the address failed too often; see {@link Decision#retryAfterSeconds()}. */
        THROTTLED
    }

    /**
     * One decision.
     *
     * @param outcome what was decided
     * @param verdict the authenticators' verdict when they were asked, else {@code null}
     * @param reason why a client was refused, safe to show it; {@code null} otherwise
     * @param retryAfterSeconds for {@link Outcome#THROTTLED}: when to try again; else 0
     * @param requestId for the in-band message: its {@code id} to echo, or {@code null}
     */
    public record Decision(Outcome outcome, AuthChain.Verdict verdict, String reason, long retryAfterSeconds,
            JsonElement requestId) {

        /** @return whether the client is authenticated */
        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    private final AuthChain chain;
    private final AuthFailureLimiter failures;
    private final Events events;

    public Admission(AuthChain chain, AuthFailureLimiter failures, Events events) {
        this.chain = chain;
        this.failures = failures;
        this.events = events;
    }

    /** Decides a WebSocket handshake: accepted, deferred to in-band auth (if allowed), refused or throttled. */
    public Decision handshake(HandshakeView request, InetAddress client, String remote) {
        return decide(chain::handshake, request, client, remote);
    }

    private Decision decide(Function<HandshakeView, AuthChain.Verdict> chainDecides,
            HandshakeView request, InetAddress client, String remote) {
        long retryAfter = failures.retryAfterSeconds(client);
        if (retryAfter > 0) {
            return throttled(remote, retryAfter);
        }
        AuthChain.Verdict verdict = chainDecides.apply(request);
        return switch (verdict.decision().outcome()) {
            case ACCEPT -> new Decision(Outcome.ACCEPTED, verdict, null, 0, null);
            case DEFER_TO_IN_BAND -> new Decision(Outcome.DEFERRED, verdict, null, 0, null);
            default -> refused(client, remote, verdict, null);
        };
    }

    /** Decides a connection's first message, which must be the in-band {@code auth} message. */
    public Decision inBand(String text, HandshakeView handshake, InetAddress client, String remote) {
        long retryAfter = failures.retryAfterSeconds(client);
        if (retryAfter > 0) {
            // Throttled like the handshake, even for a right key: a guess must not be confirmable.
            return throttled(remote, retryAfter);
        }
        InBandAuthMessage.Result result = InBandAuthMessage.check(text, chain, handshake);
        if (result.verdict().decision().outcome() == AuthDecision.Outcome.ACCEPT) {
            return new Decision(Outcome.ACCEPTED, result.verdict(), null, 0, result.id());
        }
        return refused(client, remote, result.verdict(), result.id());
    }

    /**
     * Refuses a pending connection for a reason of the connection's own (a binary or oversized
     * first message, or the auth timeout): counted and reported like any other refusal.
     */
    public Decision refuse(InetAddress client, String remote, String reason) {
        return refused(client, remote, new AuthChain.Verdict(AuthDecision.reject(reason), null), null);
    }

    /** Decides a plain HTTP request (no in-band alternative): accepted, refused or throttled. */
    public Decision http(HandshakeView request, InetAddress client, String remote) {
        return decide(chain::http, request, client, remote); // the chain never defers it
    }

    /**
     * Answers a refused or throttled HTTP request (or handshake) with the documented status, headers
     * and JSON error body: 401 with {@code WWW-Authenticate}, or 429 with {@code Retry-After}.
     */
    public static void answer(Response response, Callback callback, Decision refusal) {
        if (refusal.outcome() == Outcome.THROTTLED) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, refusal.retryAfterSeconds());
            HttpJsonResponses.writeError(response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                    ErrorMessage.of(ErrorCode.TOO_MANY_AUTH_FAILURES, "Too many authentication failures",
                            Map.of("retry_after_s", refusal.retryAfterSeconds())));
        } else {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, ApiKeyAuthenticator.CHALLENGE);
            HttpJsonResponses.writeError(response, callback, HttpStatus.UNAUTHORIZED_401,
                    ErrorMessage.withReason(ErrorCode.AUTH_FAILED, "Authentication failed", refusal.reason()));
        }
    }

    private Decision throttled(String remote, long retryAfter) {
        LOG.debug("Refused client {}: {}", remote, THROTTLED);
        events.authFailed(remote, THROTTLED);
        return new Decision(Outcome.THROTTLED, null, THROTTLED, retryAfter, null);
    }

    private Decision refused(InetAddress client, String remote, AuthChain.Verdict verdict, JsonElement id) {
        String reason = verdict.decision().reason();
        failures.failed(client);
        LOG.info("Authentication failed for client {}: {}", remote, reason);
        events.authFailed(remote, reason);
        return new Decision(Outcome.REFUSED, verdict, reason, 0, id);
    }
}
