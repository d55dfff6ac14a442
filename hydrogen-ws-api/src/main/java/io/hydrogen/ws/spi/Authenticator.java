package io.hydrogen.ws.spi;

/**
 * Decides who may connect. Authenticators registered with
 * {@link io.hydrogen.ws.AuthConfig.Builder#authenticator} are asked in order, before
 * the built-in API-key authenticator (which exists when keys are configured); the first decision
 * that is not {@link AuthDecision#abstain()} wins. If every authenticator abstains, the client is
 * rejected.
 *
 * <p>Called on a network thread: decide quickly and do not block. Implementations must be
 * thread-safe. An exception counts as a rejection (and is logged).
 */
public interface Authenticator {

    /**
     * Decides a WebSocket handshake.
     *
     * @param request a read-only view of the handshake
     * @return accept, reject, defer to in-band authentication, or abstain
     */
    AuthDecision authenticate(HandshakeRequest request);

    /**
     * Decides the in-band {@code {"type":"auth","key":"..."}} message of a connection whose
     * handshake was deferred. The default abstains.
     *
     * @param key the key the client sent
     * @param request the connection's handshake
     * @return accept, reject or abstain ({@link AuthDecision#deferToInBand()} counts as reject)
     */
    default AuthDecision authenticateInBand(String key, HandshakeRequest request) {
        return AuthDecision.abstain();
    }
}
