package io.hydrogen.ws;

/**
 * The server's API keys, changeable at runtime: rotation without restart. Thread-safe.
 * Keys are secrets: this interface never returns them.
 */
public interface ApiKeys {

    /**
     * Adds a key; clients may use it at once. A key shorter than 16 characters is accepted with
     * the same warning in the log as at start.
     *
     * @param key non-empty printable ASCII without spaces
     * @throws IllegalArgumentException if the key is malformed (the message does not contain it)
     */
    void add(String key);

    /**
     * Revokes a key: new clients can no longer use it, and every open connection that
     * authenticated with it receives an {@code auth_failed} error and is closed with 1008.
     * Revoking the last key logs a warning: from then on no client can authenticate with a key.
     *
     * @param key the key to revoke
     * @return whether the key was configured
     */
    boolean revoke(String key);

    /** @return how many keys are configured */
    int size();
}
