package io.hydrogen.ws.jetty.internal.auth;

import java.util.List;
import java.util.Locale;

/**
 * Key-based authentication: the {@code Authorization: Key <key>} header at the handshake (scheme
 * case-insensitive), and the key of an in-band {@code auth} message. Immutable and thread-safe.
 */
public final class KeyAuthenticator {

    /** The authentication scheme of the {@code Authorization} header. */
    public static final String SCHEME = "Key";
    /** The {@code WWW-Authenticate} challenge sent with every 401. */
    public static final String CHALLENGE = SCHEME + " realm=\"hydrogen\"";

    private final ApiKeyVerifier verifier;
    private final boolean inBandAllowed;

    public KeyAuthenticator(ApiKeyVerifier verifier, boolean inBandAllowed) {
        this.verifier = verifier;
        this.inBandAllowed = inBandAllowed;
    }

    /**
     * Decides a WebSocket handshake.
     *
     * @param authorization every {@code Authorization} header of the request (usually 0 or 1)
     */
    public AuthOutcome authenticateHandshake(List<String> authorization) {
        if (authorization.isEmpty()) {
            return inBandAllowed ? AuthOutcome.PENDING : AuthOutcome.rejected("missing Authorization header");
        }
        return authenticateHeader(authorization);
    }

    /**
     * Decides a plain HTTP request, where there is no in-band alternative.
     *
     * @param authorization every {@code Authorization} header of the request
     */
    public AuthOutcome authenticateHttp(List<String> authorization) {
        if (authorization.isEmpty()) {
            return AuthOutcome.rejected("missing Authorization header");
        }
        return authenticateHeader(authorization);
    }

    /** @return whether the key of an in-band {@code auth} message is valid */
    public boolean authenticateKey(String key) {
        return verifier.matches(key);
    }

    private AuthOutcome authenticateHeader(List<String> authorization) {
        if (authorization.size() > 1) {
            return AuthOutcome.rejected("more than one Authorization header");
        }
        String value = authorization.get(0).trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("key")) {
            return AuthOutcome.rejected("Authorization scheme must be 'Key'");
        }
        String key = value.substring(space + 1).trim();
        if (key.isEmpty()) {
            return AuthOutcome.rejected("empty key");
        }
        return verifier.matches(key) ? AuthOutcome.ACCEPTED : AuthOutcome.rejected("invalid key");
    }
}
