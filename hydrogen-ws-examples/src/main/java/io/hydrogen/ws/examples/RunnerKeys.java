package io.hydrogen.ws.examples;

import io.hydrogen.ws.HydrogenWebSocketServerBuilder;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.spi.Names;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API keys the runner starts with. {@code --key}, else {@code $HYDROGEN_WS_KEY}, gives a key
 * with every scope (admin); {@code --monitor-key} and {@code --control-key} (each repeatable) give
 * keys with just that scope. With none of them a random admin key is generated, which the runner
 * prints once; scoped keys alone generate none, since whoever gave them chose who may do what.
 */
final class RunnerKeys {

    static final String KEY_FLAG = "--key";
    static final String MONITOR_FLAG = "--monitor-key";
    static final String CONTROL_FLAG = "--control-key";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int GENERATED_LENGTH = 32;

    /**
     * One key.
     *
     * @param value the key
     * @param scope what its clients may do
     * @param source what a user would fix if the key is bad: the flag or the environment variable
     */
    record Key(String value, Scope scope, String source) {
        @Override
        public String toString() {
            return "Key[scope=" + scope + ", source=" + source + "]"; // never the key itself
        }
    }

    private final List<Key> keys;
    private final String generated;

    private RunnerKeys(List<Key> keys, String generated) {
        this.keys = List.copyOf(keys);
        this.generated = generated;
    }

    /**
     * @param keyFlag the value of {@code --key}, {@code null} if not given
     * @param environment the value of {@code $HYDROGEN_WS_KEY}, {@code null} if not set
     * @param monitorFlags the values of {@code --monitor-key}, in order
     * @param controlFlags the values of {@code --control-key}, in order
     * @return the keys to use
     * @throws IllegalArgumentException naming the flag (never the key) if a key is empty (a typo
     *     such as {@code --key "$KEY"} with an unset variable must not silently become a random
     *     key), malformed, or given twice (a key has one scope)
     */
    static RunnerKeys resolve(String keyFlag, String environment, List<String> monitorFlags,
            List<String> controlFlags) {
        List<Key> keys = new ArrayList<>();
        if (keyFlag != null) {
            keys.add(given(keyFlag, Scope.ADMIN, KEY_FLAG));
        } else if (environment != null) {
            keys.add(given(environment, Scope.ADMIN, "$" + RunnerOptions.KEY_ENV));
        }
        addScoped(keys, monitorFlags, Scope.MONITOR, MONITOR_FLAG);
        addScoped(keys, controlFlags, Scope.CONTROL, CONTROL_FLAG);
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (keys.get(i).value().equals(keys.get(j).value())) {
                    throw new IllegalArgumentException(keys.get(i).source() + " repeats the key of "
                            + keys.get(j).source() + "; give each key once, with one scope");
                }
            }
        }
        if (!keys.isEmpty()) {
            return new RunnerKeys(keys, null);
        }
        String key = generate();
        return new RunnerKeys(List.of(new Key(key, Scope.ADMIN, "a generated key")), key);
    }

    private static void addScoped(List<Key> keys, List<String> values, Scope scope, String flag) {
        for (int i = 0; i < values.size(); i++) {
            // "--control-key #2" tells which one when the flag is repeated.
            keys.add(given(values.get(i), scope, values.size() == 1 ? flag : flag + " #" + (i + 1)));
        }
    }

    private static Key given(String value, Scope scope, String source) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; give a key, or leave out " + (scope == Scope.ADMIN
                    ? "both --key and $" + RunnerOptions.KEY_ENV : "the flag"));
        }
        try {
            Names.requireApiKey(value, "the key");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + source + ": " + e.getMessage(), e);
        }
        return new Key(value, scope, source);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** @return the keys, admin first, then monitor, then control */
    List<Key> keys() {
        return keys;
    }

    /** @return the generated key, to show once; empty if the keys were given */
    Optional<String> generated() {
        return Optional.ofNullable(generated);
    }

    /** Adds every key with its scope. */
    HydrogenWebSocketServerBuilder addTo(HydrogenWebSocketServerBuilder builder) {
        keys.forEach(key -> builder.apiKey(key.value(), key.scope()));
        return builder;
    }

    @Override
    public String toString() {
        return "RunnerKeys" + keys + (generated == null ? "" : " (generated)");
    }
}
