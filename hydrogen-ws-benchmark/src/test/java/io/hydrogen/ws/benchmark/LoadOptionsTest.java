package io.hydrogen.ws.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The generator's flags: bounds are checked and name the flag; warm-up ramps lengthen the deadline. */
class LoadOptionsTest {

    private static LoadOptions parse(String... args) {
        LoadOptions options = new LoadOptions();
        new CommandLine(options).parseArgs(args);
        options.validate();
        return options;
    }

    @Test
    void warmupRampsAreBounded() {
        assertThat(parse("--uri", "ws://127.0.0.1:5001/", "--key", "k", "--warmup-ramps", "2").warmupRamps).isEqualTo(2);
        assertThatThrownBy(() -> parse("--uri", "ws://127.0.0.1:5001/", "--key", "k", "--warmup-ramps", "21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup-ramps");
        assertThatThrownBy(() -> parse("--uri", "ws://127.0.0.1:5001/", "--key", "k", "--warmup-ramps", "-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup-ramps");
    }

    @Test
    void eachWarmupRampExtendsTheDeadline() {
        long none = parse("--uri", "ws://127.0.0.1:5001/", "--key", "k", "--connections", "5000", "--rate", "100")
                .deadlineSeconds();
        long two = parse("--uri", "ws://127.0.0.1:5001/", "--key", "k", "--connections", "5000", "--rate", "100",
                "--warmup-ramps", "2").deadlineSeconds();
        assertThat(two - none).isGreaterThanOrEqualTo(2 * 50L); // two more ramps of 5000 at 100/s
    }
}
