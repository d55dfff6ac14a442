package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import io.hydrogen.ws.jetty.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example runner, started from its executable jar as a separate process. */
class ExampleRunnerIT {

    private static final Path JAR = Path.of(System.getProperty("runner.jar", "target/hydrogen-ws-runner.jar"));
    private static final Pattern WS_URI = Pattern.compile("ws://[^ ]+:(\\d+)/");
    private static final String KEY = "runner-test-key-0123456789";

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void servesStatusAndShutsDownGracefullyOnSignal(String signal) throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--key", KEY, "--status-interval-ms", "100");
        BufferedReader out = reader(runner);
        URI uri = awaitUri(out);
        TestClient client = connect(uri, KEY);
        JsonObject status = client.next();
        assertThat(status.get("type").getAsString()).isEqualTo("status");
        assertThat(status.get("active_connections").getAsInt()).isEqualTo(1);
        assertThat(client.next().get("seq").getAsLong()).isGreaterThan(status.get("seq").getAsLong());

        kill(runner, signal);

        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
        JsonObject last = nextMatching(client, m -> !m.getAsJsonObject("status").get("running").getAsBoolean());
        assertThat(last.getAsJsonObject("status").get("shutting_down").getAsBoolean()).isTrue();
        assertThat(client.awaitClose().code()).isEqualTo(1001);
    }

    @Test
    void generatesAndPrintsAKeyWhenNoneIsGiven() throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0");
        BufferedReader out = reader(runner);
        String first = out.readLine();
        assertThat(first).startsWith("Generated API key (shown once): ");
        String key = first.substring(first.indexOf(": ") + 2);
        assertThat(key).matches("[A-Za-z0-9]{32}");
        URI uri = awaitUri(out);
        TestClient client = connect(uri, key);
        assertThat(client.next().get("type").getAsString()).isEqualTo("status");
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
    }

    @Test
    void keyFromTheEnvironment() throws Exception {
        ProcessBuilder builder = command("--host", "127.0.0.1", "--port", "0");
        builder.environment().put("HYDROGEN_WS_KEY", KEY);
        Process runner = track(builder.start());
        BufferedReader out = reader(runner);
        String first = out.readLine();
        assertThat(first).doesNotContain("Generated");
        Matcher matcher = WS_URI.matcher(first);
        assertThat(matcher.find()).isTrue();
        TestClient client = connect(URI.create(matcher.group()), KEY);
        assertThat(client.next().get("type").getAsString()).isEqualTo("status");
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=abc", "--nope", "--port=70000", "--status-interval-ms=-5", "--port-range-end=x",
            "--sim-speed=0", "--sim-speed=fast"})
    void badFlagsPrintOneLineNamingTheFlagAndExit2(String flag) throws Exception {
        Process runner = track(command(flag, "--key", KEY).redirectErrorStream(false).start());
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(runner.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(runner.exitValue()).isEqualTo(2);
        assertThat(err.lines()).hasSize(1);
        String name = flag.substring(0, flag.indexOf('=') < 0 ? flag.length() : flag.indexOf('='));
        assertThat(err).startsWith("Error:").contains(name);
    }

    @Test
    void everyPortTakenExits1NamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            Process runner = track(command("--host", "127.0.0.1", "--port", port, "--port-range-end", port,
                    "--key", KEY).start());
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String err = new String(runner.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(runner.exitValue()).isEqualTo(1);
            assertThat(err).contains("Error: No free port").contains("port " + port);
        }
    }

    @Test
    void anExplicitPortAloneMeansExactlyThatPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Process runner = start("--host", "127.0.0.1", "--port", Integer.toString(port), "--key", KEY);
        URI uri = awaitUri(reader(runner));
        assertThat(uri.getPort()).isEqualTo(port);
        assertThat(connect(uri, KEY).next().get("type").getAsString()).isEqualTo("status");
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anExplicitPortThatIsTakenIsNotFallenBackFrom() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            Process runner = track(command("--host", "127.0.0.1", "--port", port, "--key", KEY).start());
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String err = new String(runner.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(runner.exitValue()).isEqualTo(1);
            assertThat(err).contains("Error: No free port").contains("port " + port);
        }
    }

    @Test
    void aBadFlagWithoutAKeyPrintsNoGeneratedKey() throws Exception {
        Process runner = track(command("--port", "8080", "--port-range-end", "8000").start());
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(runner.exitValue()).isEqualTo(2);
        assertThat(out).isEmpty();
    }

    @ParameterizedTest(name = "--key {0}")
    @ValueSource(strings = {"flag", "environment"})
    void anEmptyKeyIsRefusedInOneLine(String where) throws Exception {
        ProcessBuilder builder = where.equals("flag") ? command("--key", "") : command();
        if (where.equals("environment")) {
            builder.environment().put("HYDROGEN_WS_KEY", "");
        }
        Process runner = track(builder.start());
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(runner.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(runner.exitValue()).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err.lines()).hasSize(1);
        assertThat(err).startsWith("Error: " + (where.equals("flag") ? "--key" : "$HYDROGEN_WS_KEY") + " is empty");
    }

    @Test
    void anIpv6LiteralHostNeedsNoIpv6Flag() throws Exception {
        assumeIpv6Loopback();
        Process runner = start("--host", "::1", "--port", "0", "--key", KEY);
        URI uri = awaitUri(reader(runner));
        assertThat(uri.getHost()).isEqualTo("[::1]");
        assertThat(connect(uri, KEY).next().get("type").getAsString()).isEqualTo("status");
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theDefaultBindListsEveryAddressAndIpv6Works() throws Exception {
        assumeIpv6Loopback();
        Process runner = start("--port", "0", "--key", KEY);
        BufferedReader out = reader(runner);
        String headline = out.readLine();
        assertThat(headline).contains("listening on port").contains("of every interface, IPv4 and IPv6");
        // Loopback comes first, IPv4 then IPv6; the other addresses depend on the machine.
        URI ipv4 = URI.create(out.readLine().strip());
        URI ipv6 = URI.create(out.readLine().strip());
        assertThat(ipv4.toString()).matches("ws://127\\.0\\.0\\.1:\\d+/");
        assertThat(ipv6).isEqualTo(URI.create("ws://[::1]:" + ipv4.getPort() + "/"));
        List<URI> listed = List.of(ipv4, ipv6);
        for (URI uri : listed) {
            assertThat(connect(uri, KEY).next().get("type").getAsString()).as(uri.toString()).isEqualTo("status");
        }
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void versionIsTheProjectVersion() throws Exception {
        Process runner = track(command("--version").start());
        String out = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
        assertThat(out).isEqualTo("hydrogen-ws-runner " + System.getProperty("project.version"));
    }

    /** The README's quick start, run from the jar: Ctrl+C must still give clients their goodbye. */
    @Test
    void quickStartSaysGoodbyeOnCtrlC() throws Exception {
        ProcessBuilder builder = java("-cp", JAR.toString(), QuickStart.class.getName());
        builder.environment().put("HYDROGEN_WS_KEY", KEY);
        Process quickStart = track(builder.redirectErrorStream(true).start());
        URI uri = awaitUri(reader(quickStart)); // logged: "status on ws://127.0.0.1:5001/"
        TestClient client = connect(uri, KEY);
        assertThat(client.next().get("type").getAsString()).isEqualTo("status");

        kill(quickStart, "INT");

        assertThat(quickStart.waitFor(15, TimeUnit.SECONDS)).isTrue();
        JsonObject last = nextMatching(client, m -> !m.getAsJsonObject("status").get("running").getAsBoolean());
        assertThat(last.getAsJsonObject("status").get("shutting_down").getAsBoolean()).isTrue();
        assertThat(client.awaitClose().code()).isEqualTo(1001);
    }

    @Test
    void helpExitsZero() throws Exception {
        Process runner = track(command("--help").start());
        String out = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
        assertThat(out).contains("--port-range-end").contains("--status-interval-ms").contains("HYDROGEN_WS_KEY")
                .contains("--no-simulator").contains("--sim-demo").contains("--sim-speed");
    }

    @Test
    void theSimulatedPrinterPublishesTemperaturesAtTenHertz() throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--key", KEY);
        BufferedReader out = reader(runner);
        URI uri = awaitUri(out);
        assertThat(out.readLine()).startsWith("Simulated printer (heaters extruder and heater_bed)");
        TestClient client = connect(uri, KEY);
        client.next("status");

        client.send("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"job\"}");
        assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("subscribed");
        JsonObject job = client.nextNonStatus().getAsJsonObject("data");
        assertThat(job.get("state").getAsString()).isEqualTo("idle");

        client.send("{\"type\":\"subscribe\",\"id\":2,\"topic\":\"temperature\"}");
        assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("subscribed");
        JsonObject snapshot = client.nextNonStatus();
        assertThat(snapshot.get("type").getAsString()).isEqualTo("snapshot");
        JsonObject heaters = snapshot.getAsJsonObject("data").getAsJsonObject("heaters");
        assertThat(heaters.keySet()).containsExactly("extruder", "heater_bed");
        for (String heater : heaters.keySet()) {
            JsonObject readings = heaters.getAsJsonObject(heater);
            assertThat(readings.get("actual").getAsDouble()).as(heater).isCloseTo(25, within(0.5));
            assertThat(readings.get("target").getAsDouble()).as(heater).isZero();
            assertThat(readings.get("power").getAsDouble()).as(heater).isZero();
        }

        long start = System.nanoTime();
        long seq = snapshot.get("seq").getAsLong();
        for (int i = 0; i < 20; i++) {
            JsonObject update = client.nextNonStatus();
            assertThat(update.get("type").getAsString()).isEqualTo("update");
            assertThat(update.get("topic").getAsString()).isEqualTo("temperature");
            assertThat(update.get("seq").getAsLong()).isGreaterThan(seq);
            seq = update.get("seq").getAsLong();
        }
        // 20 updates at 10 Hz take 2 s: not much less (a fixed rate), nor much more on a busy machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
        client.close();
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
    }

    @Test
    void theDemoHeatsUpAndPrintsToComplete() throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--key", KEY, "--sim-demo", "--sim-speed", "50");
        BufferedReader out = reader(runner);
        URI uri = awaitUri(out);
        assertThat(out.readLine()).contains("running the demo").contains("at 50x speed");
        TestClient client = connect(uri, KEY);
        String epoch = client.next("status").get("epoch").getAsString();
        // From seq 0 of this epoch: every notification since the start, however fast the demo is.
        client.send("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"notification\",\"resume\":{\"epoch\":\""
                + epoch + "\",\"seq\":0}}");
        client.send("{\"type\":\"subscribe\",\"id\":2,\"topic\":\"job\"}");

        List<String> codes = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        String state = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"complete".equals(state)) {
            assertThat(System.nanoTime()).as("job complete within 60 s; job %s, notifications %s", state, codes)
                    .isLessThan(deadline);
            JsonObject message = client.nextNonStatus();
            String type = message.get("type").getAsString();
            if (type.equals("subscribed") && message.get("topic").getAsString().equals("notification")) {
                assertThat(message.get("resumed").getAsBoolean()).isTrue();
            } else if (type.equals("event")) {
                codes.add(message.getAsJsonObject("data").get("code").getAsString());
            } else if (type.equals("snapshot") || type.equals("update")) {
                JsonObject data = message.getAsJsonObject("data");
                if (data.has("state")) {
                    state = data.get("state").getAsString();
                }
                if (data.has("progress")) {
                    progress.add(data.get("progress").getAsDouble());
                }
            }
        }
        assertThat(progress).isSorted().last().isEqualTo(1.0);
        // job_complete follows the job's last update; wait for it.
        while (!codes.contains("job_complete")) {
            JsonObject message = client.nextNonStatus();
            if (message.get("type").getAsString().equals("event")) {
                codes.add(message.getAsJsonObject("data").get("code").getAsString());
            }
        }
        assertThat(codes).containsExactly("temperature_reached", "temperature_reached", "job_started", "job_complete");
        client.close();
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
    }

    @Test
    void noSimulatorPublishesNothing() throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--key", KEY, "--no-simulator");
        BufferedReader out = reader(runner);
        URI uri = awaitUri(out);
        TestClient client = connect(uri, KEY);
        client.next("status");
        client.send("{\"type\":\"subscribe\",\"id\":1,\"topic\":\"temperature\"}");
        assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("subscribed");
        JsonObject snapshot = client.nextNonStatus();
        assertThat(snapshot.get("seq").getAsLong()).isZero();
        assertThat(snapshot.getAsJsonObject("data").size()).isZero();

        // A simulator would have published ten times in this second.
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String message = client.messages.poll(left, TimeUnit.NANOSECONDS);
            assertThat(message == null ? "" : message).doesNotContain("\"type\":\"update\"");
        }
        client.send("{\"type\":\"topics\",\"id\":2}");
        JsonObject topics = client.nextNonStatus();
        for (var topic : topics.getAsJsonArray("topics")) {
            JsonObject info = topic.getAsJsonObject();
            if (!info.get("name").getAsString().equals("status")) {
                assertThat(info.get("seq").getAsLong()).as(info.toString()).isZero();
            }
        }
        assertThat(topics.getAsJsonArray("topics").toString()).contains("\"job\"", "\"temperature\"", "\"notification\"");
        client.close();
        kill(runner, "TERM"); // not destroy(): it closes the output that the test still reads
        assertThat(out.lines().toList()).containsExactly("Stopped."); // no "Simulated printer" line
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    private Process start(String... args) throws IOException {
        return track(command(args).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    private static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return java(command.toArray(String[]::new));
    }

    private static ProcessBuilder java(String... args) {
        assertThat(Files.isRegularFile(JAR)).as("runner jar %s (built by mvn package)", JAR).isTrue();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("HYDROGEN_WS_KEY");
        return builder;
    }

    private static void assumeIpv6Loopback() throws IOException {
        boolean ipv6 = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .anyMatch(address -> address instanceof Inet6Address && address.isLoopbackAddress());
        Assumptions.assumeTrue(ipv6, "this machine has no IPv6 loopback address");
    }

    private Process track(Process process) {
        processes.add(process);
        return process;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static URI awaitUri(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = WS_URI.matcher(line);
            if (matcher.find()) {
                return URI.create(matcher.group());
            }
        }
        throw new AssertionError("the runner exited without printing a ws:// address");
    }

    private static void kill(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static TestClient connect(URI uri, String key) {
        return TestClient.connect(uri, "hydrogen-protocol", "Key " + key);
    }

    private static JsonObject nextMatching(TestClient client, java.util.function.Predicate<JsonObject> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject message = client.next();
            if (condition.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no matching message within 10 s");
    }
}
