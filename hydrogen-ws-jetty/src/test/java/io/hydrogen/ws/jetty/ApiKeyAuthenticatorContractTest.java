package io.hydrogen.ws.jetty;

import io.hydrogen.ws.Scope;
import io.hydrogen.ws.jetty.internal.auth.ApiKeyAuthenticator;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HandshakeRequest;
import io.hydrogen.ws.testkit.AuthenticatorContract;
import io.hydrogen.ws.testkit.TestHandshakeRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The built-in API-key authenticator passes the authenticator compatibility kit. */
class ApiKeyAuthenticatorContractTest extends AuthenticatorContract {

    private static final String KEY = "a-long-test-key-0123456789";

    @Override
    protected Authenticator authenticator() {
        return new ApiKeyAuthenticator(Map.of(KEY, Scope.ADMIN), true, false);
    }

    @Override
    protected HandshakeRequest acceptedRequest() {
        return TestHandshakeRequest.builder()
                .header("authorization", "Key " + KEY)
                .subProtocol("hydrogen-protocol")
                .build();
    }

    @Override
    protected HandshakeRequest rejectedRequest() {
        return TestHandshakeRequest.builder()
                .header("authorization", "Key a-wrong-test-key-9876543210")
                .subProtocol("hydrogen-protocol")
                .build();
    }

    /** With {@code ?key=} allowed too: the query key must not leak either. */
    @Nested
    class WithQueryKeys extends AuthenticatorContract {

        @Override
        protected Authenticator authenticator() {
            return new ApiKeyAuthenticator(Map.of(KEY, Scope.ADMIN), false, true);
        }

        @Override
        protected HandshakeRequest acceptedRequest() {
            return TestHandshakeRequest.builder().queryParameter("key", KEY).build();
        }

        @Override
        protected HandshakeRequest rejectedRequest() {
            return TestHandshakeRequest.builder().queryParameter("key", "a-wrong-test-key-9876543210").build();
        }
    }
}
