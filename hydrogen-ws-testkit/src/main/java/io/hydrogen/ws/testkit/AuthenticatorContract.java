package io.hydrogen.ws.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.AuthDecision.Outcome;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HandshakeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for an {@link Authenticator}: extend it in your tests, return the
 * authenticator under test, a handshake it accepts and one it does not. Build the handshakes with
 * {@link TestHandshakeRequest}.
 *
 * <pre>{@code
 * class TokenAuthenticatorContractTest extends AuthenticatorContract {
 *     @Override
 *     protected Authenticator authenticator() {
 *         return new TokenAuthenticator(Map.of("token-of-the-test-0123", "lab-printer"));
 *     }
 *
 *     @Override
 *     protected HandshakeRequest acceptedRequest() {
 *         return TestHandshakeRequest.builder().header("Authorization", "Bearer token-of-the-test-0123").build();
 *     }
 *
 *     @Override
 *     protected HandshakeRequest rejectedRequest() {
 *         return TestHandshakeRequest.builder().header("Authorization", "Bearer wrong-token-0000").build();
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that:
 * <ul>
 *   <li>the authenticator never returns {@code null}, for these requests, for an empty one and for
 *       odd ones, at the handshake and in-band (and does not throw: a throw counts as a rejection,
 *       but it is logged as a failure);
 *   <li>{@link #acceptedRequest()} is accepted with a non-blank principal;
 *   <li>{@link #rejectedRequest()} is rejected with a non-blank reason, or abstained on;
 *   <li>the decisions are the same when many threads ask at once;
 *   <li>no principal or reason contains a secret of the request: a header or query parameter value
 *       of at least 4 characters, the credentials of an {@code Authorization} header (what follows
 *       the scheme), or the key given in-band. Principals and reasons reach logs, metrics and the
 *       client.
 * </ul>
 *
 * <p>Each factory method is called once per check. To leave a check out, override its method
 * without {@code @Test} and say why in a comment (for example, if your principal is a non-secret
 * header value on purpose).
 */
public abstract class AuthenticatorContract {

    /** Values shorter than this are not treated as secrets: they would match too often by chance. */
    public static final int MIN_SECRET_LENGTH = 4;

    /** @return the authenticator under test */
    protected abstract Authenticator authenticator();

    /** @return a handshake the authenticator accepts */
    protected abstract HandshakeRequest acceptedRequest();

    /** @return a handshake the authenticator rejects or abstains on */
    protected abstract HandshakeRequest rejectedRequest();

    /** @return how many threads ask at once in the concurrency check; default 4 */
    protected int threads() {
        return 4;
    }

    /** @return how many times each thread asks; default 100 */
    protected int callsPerThread() {
        return 100;
    }

    /** @return how long the concurrency check may take; default 30 s */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /** The accepted request gives ACCEPT and a non-blank principal. */
    @Test
    public void acceptedRequestIsAcceptedWithAPrincipal() {
        AuthDecision decision = decide(authenticator(), acceptedRequest(), "acceptedRequest()");
        assertThat(decision.outcome()).as("decision for acceptedRequest(): %s", decision).isEqualTo(Outcome.ACCEPT);
        assertThat(decision.principal()).as("principal for acceptedRequest()").isNotBlank();
    }

    /** The rejected request gives REJECT with a non-blank reason, or ABSTAIN. */
    @Test
    public void rejectedRequestIsRejectedWithAReasonOrAbstainedOn() {
        AuthDecision decision = decide(authenticator(), rejectedRequest(), "rejectedRequest()");
        assertThat(decision.outcome()).as("decision for rejectedRequest(): %s", decision)
                .isIn(Outcome.REJECT, Outcome.ABSTAIN);
        if (decision.outcome() == Outcome.REJECT) {
            assertThat(decision.reason()).as("reason for rejectedRequest()").isNotBlank();
        }
    }

    /** No request, however odd, gets {@code null}, at the handshake or in-band. */
    @Test
    public void neverReturnsNull() {
        Authenticator authenticator = authenticator();
        for (Map.Entry<String, HandshakeRequest> request : requests().entrySet()) {
            decide(authenticator, request.getValue(), request.getKey());
            for (String key : inBandKeys(request.getValue())) {
                decideInBand(authenticator, key, request.getValue(), request.getKey());
            }
        }
    }

    /** The decisions of many threads asking at once equal those of one thread asking alone. */
    @Test
    public void decisionsAreConsistentUnderConcurrentCalls() {
        Authenticator authenticator = authenticator();
        HandshakeRequest accepted = acceptedRequest();
        HandshakeRequest rejected = rejectedRequest();
        AuthDecision acceptedAlone = decide(authenticator, accepted, "acceptedRequest()");
        AuthDecision rejectedAlone = decide(authenticator, rejected, "rejectedRequest()");
        Concurrently.run("authenticate() called concurrently", threads(), callsPerThread(), timeout(),
                (thread, call) -> {
                    boolean accept = (thread + call) % 2 == 0;
                    AuthDecision expected = accept ? acceptedAlone : rejectedAlone;
                    String name = accept ? "acceptedRequest()" : "rejectedRequest()";
                    AuthDecision decision = decide(authenticator, accept ? accepted : rejected, name);
                    if (decision.outcome() != expected.outcome()
                            || !Objects.equals(decision.principal(), expected.principal())) {
                        throw new AssertionError("under concurrent calls " + name + " got " + decision
                                + ", alone " + expected);
                    }
                });
    }

    /** Neither principal nor reason repeats a value of the request (or the in-band key). */
    @Test
    public void decisionsDoNotLeakSecrets() {
        Authenticator authenticator = authenticator();
        for (Map.Entry<String, HandshakeRequest> entry : requests().entrySet()) {
            HandshakeRequest request = entry.getValue();
            Set<String> secrets = secretsOf(request);
            assertNoLeak(decide(authenticator, request, entry.getKey()), secrets, entry.getKey());
            for (String key : inBandKeys(request)) {
                Set<String> withKey = new LinkedHashSet<>(secrets);
                if (key.length() >= MIN_SECRET_LENGTH) {
                    withKey.add(key);
                }
                assertNoLeak(decideInBand(authenticator, key, request, entry.getKey()), withKey,
                        "in-band key for " + entry.getKey());
            }
        }
    }

    /** {@code authenticateInBand} never returns {@code null}. */
    @Test
    public void authenticateInBandNeverReturnsNull() {
        Authenticator authenticator = authenticator();
        HandshakeRequest accepted = acceptedRequest();
        for (String key : inBandKeys(accepted)) {
            decideInBand(authenticator, key, accepted, "acceptedRequest()");
        }
        decideInBand(authenticator, "", TestHandshakeRequest.empty(), "an empty request");
    }

    /**
     * Returns the values of {@code request} that no principal or reason may contain: header and
     * query parameter values, and the credentials of {@code Authorization} headers, each of at
     * least {@link #MIN_SECRET_LENGTH} characters.
     *
     * @param request the handshake
     * @return the secrets, in the order found
     */
    public static Set<String> secretsOf(HandshakeRequest request) {
        Set<String> secrets = new LinkedHashSet<>();
        request.headers().forEach((name, values) -> {
            for (String value : values) {
                add(secrets, value);
                add(secrets, value.trim());
                if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")) {
                    add(secrets, credentials(value));
                }
            }
        });
        request.queryParameters().values().forEach(values -> values.forEach(value -> add(secrets, value)));
        return secrets;
    }

    private Map<String, HandshakeRequest> requests() {
        HandshakeRequest accepted = acceptedRequest();
        Map<String, HandshakeRequest> requests = new LinkedHashMap<>();
        requests.put("acceptedRequest()", accepted);
        requests.put("rejectedRequest()", rejectedRequest());
        requests.put("an empty request", TestHandshakeRequest.empty());
        TestHandshakeRequest.Builder odd = TestHandshakeRequest.builder()
                .header("Authorization", "")
                .header("Authorization", "Key")
                .header("Authorization", "Basic bm90LWEta2V5LTAwMDAx")
                .queryParameter("key", "")
                .queryParameter("key", "query-key-that-is-wrong-0000")
                .subProtocol("");
        requests.put("a request with empty and repeated credentials", odd.build());
        TestHandshakeRequest.Builder doubled = accepted instanceof TestHandshakeRequest t ? t.toBuilder()
                : TestHandshakeRequest.builder();
        accepted.headers().forEach((name, values) -> values.forEach(value -> doubled.header(name, value)));
        requests.put("acceptedRequest() with every header sent twice", doubled.build());
        return requests;
    }

    private static List<String> inBandKeys(HandshakeRequest request) {
        List<String> keys = new ArrayList<>();
        request.headers().getOrDefault("authorization", List.of()).forEach(value -> keys.add(credentials(value)));
        keys.add("in-band-key-that-is-wrong-0000");
        keys.add("");
        return keys;
    }

    private static String credentials(String authorization) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(space + 1).trim();
    }

    private static void add(Set<String> secrets, String value) {
        if (value != null && value.length() >= MIN_SECRET_LENGTH) {
            secrets.add(value);
        }
    }

    private static AuthDecision decide(Authenticator authenticator, HandshakeRequest request, String name) {
        AuthDecision decision;
        try {
            decision = authenticator.authenticate(request);
        } catch (RuntimeException e) {
            throw new AssertionError("authenticate(" + name + ") threw " + e
                    + "; return AuthDecision.reject(reason) instead", e);
        }
        if (decision == null) {
            throw new AssertionError("authenticate(" + name + ") returned null");
        }
        return decision;
    }

    private static AuthDecision decideInBand(Authenticator authenticator, String key, HandshakeRequest request,
            String name) {
        AuthDecision decision;
        try {
            decision = authenticator.authenticateInBand(key, request);
        } catch (RuntimeException e) {
            throw new AssertionError("authenticateInBand(a key of " + key.length() + " characters, " + name
                    + ") threw " + e + "; return AuthDecision.reject(reason) instead", e);
        }
        if (decision == null) {
            throw new AssertionError("authenticateInBand(a key of " + key.length() + " characters, " + name
                    + ") returned null");
        }
        return decision;
    }

    private static void assertNoLeak(AuthDecision decision, Set<String> secrets, String name) {
        for (String secret : secrets) {
            // The message names the kind of leak, never the secret itself: test reports are logs too.
            if (decision.principal() != null && decision.principal().contains(secret)) {
                throw new AssertionError("the principal for " + name + " contains a value of the request ("
                        + secret.length() + " characters); principals reach logs and metrics");
            }
            if (decision.reason() != null && decision.reason().contains(secret)) {
                throw new AssertionError("the reason for " + name + " contains a value of the request ("
                        + secret.length() + " characters); reasons reach logs and the client");
            }
        }
    }
}
