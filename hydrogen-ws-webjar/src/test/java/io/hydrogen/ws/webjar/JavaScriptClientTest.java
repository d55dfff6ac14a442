package io.hydrogen.ws.webjar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JavaScript client's tests ({@code src/test/js}, Node's built-in {@code node:test}) as a
 * process against a live Hydrogen server ({@link TestHost}). The client under test is the file in
 * the WebJar's layout on the class path, so the packaging is tested too. Skipped only when
 * {@code node} is not on the PATH.
 */
class JavaScriptClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(JavaScriptClientTest.class);
    private static final long NODE_TIMEOUT_SECONDS = 120;

    @Test
    void theClientPassesItsNodeTestsAgainstALiveServer() throws Exception {
        Optional<Path> node = findOnPath("node");
        assumeTrue(node.isPresent(), "skipped: node is not on the PATH, so the JavaScript client was not tested");
        int major = nodeMajorVersion(node.get());
        assertThat(major).as("the JavaScript client's tests need Node 20 or later").isGreaterThanOrEqualTo(20);

        URL client = getClass().getResource("/" + System.getProperty("hydrogen.webjar.path") + "/hydrogen-client.js");
        assertThat(client).as("hydrogen-client.js in the WebJar layout on the class path").isNotNull();
        Path tests = Path.of(System.getProperty("hydrogen.js.tests"), "hydrogen-client.test.mjs");

        try (TestHost host = TestHost.start()) {
            List<String> command = new ArrayList<>(List.of(node.get().toString()));
            if (major < 22) {
                command.add("--experimental-websocket"); // a global WebSocket is on by default from Node 22
            }
            command.addAll(List.of("--test", "--test-reporter=spec", tests.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("HYDROGEN_CONTROL", host.controlUrl());
            builder.environment().put("HYDROGEN_KEY", TestHost.KEY);
            builder.environment().put("HYDROGEN_CLIENT", client.toString());
            builder.environment().put("NO_COLOR", "1");
            Process process = builder.start();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "node-output");
            reader.start();
            boolean finished = process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            LOG.info("node --test output:\n{}", output);
            assertThat(finished).as("node --test finished within %d s; output:%n%s", NODE_TIMEOUT_SECONDS, output)
                    .isTrue();
            assertThat(process.exitValue()).as("node --test exit code; output:%n%s", output).isZero();
            // A test file that fails to load, or finds no server, must not pass by running nothing.
            assertThat(summary(output, "fail")).as("failed node tests; output:%n%s", output).isZero();
            assertThat(summary(output, "skipped")).as("skipped node tests; output:%n%s", output).isZero();
            assertThat(summary(output, "pass")).as("passed node tests; output:%n%s", output).isGreaterThanOrEqualTo(11);
        }
    }

    /** Reads a count from the summary the spec reporter prints last, for example {@code ℹ pass 11}. */
    private static int summary(CharSequence output, String name) {
        Matcher m = Pattern.compile("(?m)^\\S+ " + name + " (\\d+)$").matcher(output);
        assertThat(m.find()).as("node --test printed its '%s' count", name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void copy(InputStream in, StringBuilder output) {
        try (in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (output) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            LOG.warn("reading node's output failed", e);
        }
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, windows ? program + ".exe" : program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int nodeMajorVersion(Path node) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("v(\\d+)\\.").matcher(version);
        assertThat(m.find()).as("node --version printed %s", version).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
