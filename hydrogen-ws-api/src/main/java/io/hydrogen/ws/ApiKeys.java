package io.hydrogen.ws;

/**
 * The server's API keys, changeable at runtime: rotation without restart. Thread-safe.
 * Keys are secrets: this interface never returns them.
 */
public interface ApiKeys {

    /**
     * Adds a key with every scope ({@link Scope#ADMIN}); clients may use it at once. A key shorter
     * than 16 characters is accepted with the same warning in the log as at start.
     *
     * @param key non-empty printable ASCII without spaces
     * @throws IllegalArgumentException if the key is malformed (the message does not contain it)
     */
    default void add(String key) {
        add(key, Scope.ADMIN);
    }

    /**
     * Adds a key with a scope, or changes the scope of a key already there. Changing it takes
     * effect at once for the connections that authenticated with the key: a connection narrowed
     * below {@link Scope#CONTROL} that holds the control lease loses it.
     *
     * @param key non-empty printable ASCII without spaces
     * @param scope what clients with this key may do
     * @throws IllegalArgumentException if the key is malformed (the message does not contain it)
     * @throws NullPointerException if {@code scope} is {@code null}
     */
    void add(String key, Scope scope);

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
