package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The runner's answers that come before a server starts, run in-process from the compiled classes
 * ({@link ExampleRunnerIT} runs the jar as a process).
 */
class ExampleRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void versionIsTheProjectVersionAlsoFromClasses() {
        assertThat(run(null, "--version")).isZero();
        assertThat(out()).isEqualTo("hydrogen-ws-runner " + System.getProperty("project.version"));
        assertThat(System.getProperty("project.version")).as("set by the pom").isNotBlank();
    }

    @Test
    void anEmptyKeyFlagIsRefused() {
        assertThat(run(null, "--key", "")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("Error: --key is empty");
        assertThat(out()).isEmpty();
    }

    @Test
    void anEmptyKeyInTheEnvironmentIsRefused() {
        assertThat(run("")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("Error: $HYDROGEN_WS_KEY is empty");
        assertThat(out()).isEmpty();
    }

    @Test
    void aBadKeyInTheEnvironmentIsBlamedOnTheVariableNotTheFlag() {
        assertThat(run("two words")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).startsWith("Error: invalid value for $HYDROGEN_WS_KEY:").doesNotContain("--key")
                .doesNotContain("two words");
    }

    @Test
    void aBadFlagPrintsNoGeneratedKey() {
        assertThat(run(null, "--port", "8080", "--port-range-end", "8000")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).startsWith("Error: invalid value for --port-range-end:");
        assertThat(out()).isEmpty();
    }

    @Test
    void simulatorFlagsNeedTheSimulator() {
        assertThat(run("k3y-for-the-test-0123456789", "--no-simulator", "--sim-demo")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).isEqualTo("Error: --sim-demo needs the simulator; drop --no-simulator");
        assertThat(out()).isEmpty();
    }

    @Test
    void aSpeedWithoutTheSimulatorIsRefused() {
        assertThat(run(null, "--no-simulator", "--sim-speed", "10")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).isEqualTo("Error: --sim-speed needs the simulator; drop --no-simulator");
        assertThat(out()).as("no generated key for a bad flag").isEmpty();
    }

    @Test
    void aSpeedOutOfRangeIsRefusedNamingTheFlag() {
        assertThat(run(null, "--sim-speed", "5000")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).isEqualTo("Error: invalid value for --sim-speed: speed must be more than 0 and at most 1000,"
                + " was 5000.0");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpDescribesTheSimulatorFlags() {
        assertThat(run(null, "--help")).isZero();
        assertThat(out()).contains("simulated printer").contains("--no-simulator").contains("--sim-demo")
                .contains("--sim-speed=FACTOR");
    }

    @Test
    void anEmptyScopedKeyIsRefusedBeforeAnyKeyIsGenerated() {
        assertThat(run(null, "--control-key", "")).isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).isEqualTo("Error: --control-key is empty; give a key, or leave out the flag");
        assertThat(out()).isEmpty();
    }

    @Test
    void aKeyGivenWithTwoScopesIsRefused() {
        assertThat(run(null, "--monitor-key", "same-key-0123456789abc", "--control-key", "same-key-0123456789abc"))
                .isEqualTo(ExampleRunner.EXIT_USAGE);
        assertThat(err()).isEqualTo("Error: --control-key repeats the key of --monitor-key; give each key once,"
                + " with one scope");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpListsTheKeyFlagsAndTheCommands() {
        assertThat(run(null, "--help")).isZero();
        assertThat(out()).contains("--monitor-key=KEY", "--control-key=KEY", "control.acquire")
                .contains(io.hydrogen.ws.examples.sim.PrinterCommands.TYPES.toArray(String[]::new));
    }

    private int run(String environmentKey, String... args) {
        return ExampleRunner.run(args, environmentKey, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }
}
