package io.hydrogen.ws.jetty.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.context.Events;
import io.hydrogen.ws.spi.HydrogenEventListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The one admission path: every refusal is counted, throttled and reported the same way. */
class AdmissionTest {

    private static final String KEY = "a-long-enough-test-key-0123456789";
    private static final String REMOTE = "192.0.2.7:4000";

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final InetAddress client = InetAddress.getLoopbackAddress();
    private final Admission admission = new Admission(
            new AuthChain(List.of(new ApiKeyAuthenticator(Map.of(KEY, Scope.ADMIN), true, false)), true),
            new AuthFailureLimiter(3, Duration.ofMinutes(1)),
            new Events(List.of(new HydrogenEventListener() {
                @Override
                public void authFailed(String remoteAddress, String reason) {
                    failures.add(remoteAddress + " " + reason);
                }
            })));

    @Test
    void aRightKeyIsAcceptedWithItsPrincipal() {
        Admission.Decision decision = admission.handshake(request("Key " + KEY), client, REMOTE);
        assertThat(decision.outcome()).isEqualTo(Admission.Outcome.ACCEPTED);
        assertThat(decision.verdict().decision().principal()).startsWith("api-key:").doesNotContain(KEY);
        assertThat(failures).isEmpty();
    }

    @Test
    void noCredentialsAtTheHandshakeDefersToInBandButIsRefusedOverHttp() {
        assertThat(admission.handshake(request(null), client, REMOTE).outcome())
                .isEqualTo(Admission.Outcome.DEFERRED);
        assertThat(failures).isEmpty();
        Admission.Decision http = admission.http(request(null), client, REMOTE);
        assertThat(http.outcome()).isEqualTo(Admission.Outcome.REFUSED);
        assertThat(http.reason()).isEqualTo("missing Authorization header");
        assertThat(failures).containsExactly(REMOTE + " missing Authorization header");
    }

    @Test
    void everyPathReportsItsRefusalsAndTheyAddUpToAThrottle() {
        admission.handshake(request("Key wrong"), client, REMOTE);
        admission.http(request("Key wrong"), client, REMOTE);
        Admission.Decision inBand = admission.inBand("{\"type\":\"auth\",\"id\":7,\"key\":\"wrong\"}",
                request(null), client, REMOTE);
        assertThat(inBand.outcome()).isEqualTo(Admission.Outcome.REFUSED);
        assertThat(inBand.requestId().getAsInt()).isEqualTo(7);
        assertThat(failures).hasSize(3).allMatch(event -> event.startsWith(REMOTE + " "));

        // Three failures: now even the right key is throttled, on every path, and reported too.
        for (Admission.Decision throttled : List.of(admission.handshake(request("Key " + KEY), client, REMOTE),
                admission.http(request("Key " + KEY), client, REMOTE),
                admission.inBand("{\"type\":\"auth\",\"key\":\"" + KEY + "\"}", request(null), client, REMOTE))) {
            assertThat(throttled.outcome()).isEqualTo(Admission.Outcome.THROTTLED);
            assertThat(throttled.retryAfterSeconds()).isPositive();
        }
        assertThat(failures).hasSize(6).endsWith(REMOTE + " too many authentication failures");
    }

    @Test
    void aWrongFirstMessageIsARefusal() {
        Admission.Decision decision = admission.inBand("{\"type\":\"ping\"}", request(null), client, REMOTE);
        assertThat(decision.outcome()).isEqualTo(Admission.Outcome.REFUSED);
        assertThat(decision.reason()).isEqualTo("expected an auth message first");
        assertThat(admission.refuse(client, REMOTE, "authentication timed out").reason())
                .isEqualTo("authentication timed out");
        assertThat(failures).containsExactly(REMOTE + " expected an auth message first",
                REMOTE + " authentication timed out");
    }

    private static HandshakeView request(String authorization) {
        Map<String, List<String>> headers = authorization == null ? Map.of()
                : Map.of("authorization", List.of(authorization));
        return new HandshakeView("/", headers, Map.of(), List.of("hydrogen-protocol"),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000));
    }
}
