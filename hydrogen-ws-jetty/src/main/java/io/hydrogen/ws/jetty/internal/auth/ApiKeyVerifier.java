package io.hydrogen.ws.jetty.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Checks a presented key against the configured keys in constant time: both sides are hashed
 * (so lengths do not leak) and every configured key is compared, match or not. Immutable.
 */
public final class ApiKeyVerifier {

    private final List<byte[]> keyDigests;

    public ApiKeyVerifier(List<String> keys) {
        this.keyDigests = keys.stream().map(ApiKeyVerifier::digest).toList();
    }

    /** @return whether {@code presented} is one of the configured keys */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, candidate);
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
