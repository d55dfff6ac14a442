package io.hydrogen.ws.examples;

import java.security.SecureRandom;

/**
 * The API key the runner starts with: from {@code --key}, else from {@code $HYDROGEN_WS_KEY}, else
 * a random one that the runner prints once.
 *
 * @param value the key
 * @param source what a user would fix if the key is bad: the flag or the environment variable
 * @param generated whether the key was generated (and must be shown)
 */
record RunnerKey(String value, String source, boolean generated) {

    static final String FLAG = "--key";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int GENERATED_LENGTH = 32;

    /**
     * @param flag the value of {@code --key}, {@code null} if not given
     * @param environment the value of {@code $HYDROGEN_WS_KEY}, {@code null} if not set
     * @return the key to use
     * @throws IllegalArgumentException if a key was given but is empty: a typo such as
     *     {@code --key "$KEY"} with an unset variable must not silently become a random key
     */
    static RunnerKey resolve(String flag, String environment) {
        if (flag != null) {
            return given(flag, FLAG);
        }
        if (environment != null) {
            return given(environment, "$" + RunnerOptions.KEY_ENV);
        }
        return new RunnerKey(generate(), "a generated key", true);
    }

    private static RunnerKey given(String value, String source) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; give a key, or neither --key nor $"
                    + RunnerOptions.KEY_ENV + " to have one generated");
        }
        return new RunnerKey(value, source, false);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return "RunnerKey[source=" + source + ", generated=" + generated + "]"; // never the key itself
    }
}
