package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.examples.RunnerKeys.Key;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which keys the runner starts with, from {@code --key}, the environment and the scoped flags. */
class RunnerKeysTest {

    private static final String ADMIN = "admin-key-0123456789abcdef";
    private static final String MONITOR = "monitor-key-0123456789abcdef";
    private static final String CONTROL = "control-key-0123456789abcdef";

    @Test
    void withNoKeyAtAllAnAdminKeyIsGenerated() {
        RunnerKeys keys = RunnerKeys.resolve(null, null, List.of(), List.of());
        assertThat(keys.generated()).hasValueSatisfying(key -> assertThat(key).matches("[A-Za-z0-9]{32}"));
        assertThat(keys.keys()).extracting(Key::value, Key::scope).containsExactly(
                org.assertj.core.groups.Tuple.tuple(keys.generated().orElseThrow(), Scope.ADMIN));
    }

    @Test
    void scopedKeysAloneGenerateNoAdminKey() {
        RunnerKeys keys = RunnerKeys.resolve(null, null, List.of(MONITOR, MONITOR + "2"), List.of(CONTROL));
        assertThat(keys.generated()).isEmpty();
        assertThat(scopes(keys)).containsExactly(Map.entry(MONITOR, Scope.MONITOR),
                Map.entry(MONITOR + "2", Scope.MONITOR), Map.entry(CONTROL, Scope.CONTROL));
    }

    @Test
    void theFlagOrTheEnvironmentGivesTheAdminKeyBesideTheScopedOnes() {
        assertThat(scopes(RunnerKeys.resolve(null, ADMIN, List.of(MONITOR), List.of()))).containsExactly(
                Map.entry(ADMIN, Scope.ADMIN), Map.entry(MONITOR, Scope.MONITOR));
        RunnerKeys flag = RunnerKeys.resolve(ADMIN, "from-the-environment-0123", List.of(), List.of(CONTROL));
        assertThat(scopes(flag)).containsExactly(Map.entry(ADMIN, Scope.ADMIN), Map.entry(CONTROL, Scope.CONTROL));
        assertThat(flag.generated()).isEmpty();
    }

    @Test
    void theBuilderGetsEveryKeyWithItsScope() {
        RunnerKeys keys = RunnerKeys.resolve(ADMIN, null, List.of(MONITOR), List.of(CONTROL));
        Map<String, Scope> configured = keys.addTo(HydrogenWebSocketServer.builder()).buildConfig().auth()
                .apiKeyScopes();
        assertThat(configured).containsExactlyEntriesOf(scopes(keys));
    }

    @Test
    void anEmptyScopedKeyIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> RunnerKeys.resolve(null, null, List.of(""), List.of()))
                .hasMessage("--monitor-key is empty; give a key, or leave out the flag");
        assertThatThrownBy(() -> RunnerKeys.resolve(null, null, List.of(), List.of(CONTROL, "")))
                .hasMessage("--control-key #2 is empty; give a key, or leave out the flag");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> RunnerKeys.resolve(null, null, List.of(CONTROL), List.of(CONTROL)))
                .hasMessage("--control-key repeats the key of --monitor-key; give each key once, with one scope");
        assertThatThrownBy(() -> RunnerKeys.resolve(null, MONITOR, List.of(MONITOR), List.of()))
                .hasMessageStartingWith("--monitor-key repeats the key of $HYDROGEN_WS_KEY");
    }

    @Test
    void aMalformedKeyIsBlamedOnItsFlagWithoutShowingIt() {
        assertThatThrownBy(() -> RunnerKeys.resolve(null, null, List.of(), List.of(CONTROL, "two words")))
                .hasMessage("invalid value for --control-key #2: the key must be printable ASCII without spaces;"
                        + " character 4 is not");
    }

    @Test
    void toStringNeverShowsAKey() {
        RunnerKeys keys = RunnerKeys.resolve(ADMIN, null, List.of(MONITOR), List.of(CONTROL));
        assertThat(keys.toString()).doesNotContain(ADMIN, MONITOR, CONTROL).contains("MONITOR", "--control-key");
        assertThat(RunnerKeys.resolve(null, null, List.of(), List.of()).toString()).contains("generated")
                .doesNotContainPattern("[A-Za-z0-9]{32}");
    }

    private static Map<String, Scope> scopes(RunnerKeys keys) {
        Map<String, Scope> scopes = new java.util.LinkedHashMap<>();
        keys.keys().forEach(key -> scopes.put(key.value(), key.scope()));
        return scopes;
    }
}
