package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import io.hydrogen.ws.examples.sim.SimulatedPrinter;
import io.hydrogen.ws.jetty.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
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
    private static final String MONITOR_KEY = "runner-monitor-key-0123456789";
    private static final String CONTROL_KEY = "runner-control-key-0123456789";

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
                .contains("--no-simulator").contains("--sim-demo").contains("--sim-speed")
                .contains("--monitor-key").contains("--control-key")
                .contains("{\"type\":\"printer.set_temperature\",\"id\":2,\"heater\":\"extruder\",\"target\":200}")
                .contains("{\"type\":\"job.start\",\"id\":3,\"file\":\"benchy.gcode\"}")
                .contains("job.pause").contains("job.resume").contains("job.cancel").contains("printer.emergency_stop");
        assertThat(out.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
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
            // status and control are the SDK's own (the lease's topic is published once at start).
            if (!List.of("status", "control").contains(info.get("name").getAsString())) {
                assertThat(info.get("seq").getAsLong()).as(info.toString()).isZero();
            }
        }
        assertThat(topics.getAsJsonArray("topics").toString()).contains("\"job\"", "\"temperature\"", "\"notification\"");
        client.close();
        kill(runner, "TERM"); // not destroy(): it closes the output that the test still reads
        assertThat(out.lines().toList()).containsExactly("Stopped."); // no "Simulated printer" line
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aMonitorKeyWatchesButNeitherCommandsNorAcquiresTheLease() throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--monitor-key", MONITOR_KEY,
                "--control-key", CONTROL_KEY);
        BufferedReader out = reader(runner);
        String first = out.readLine();
        assertThat(first).as("scoped keys alone: no generated key").doesNotContain("Generated")
                .contains("listening on ws://");
        URI uri = awaitUri(first);
        assertThat(out.readLine()).startsWith("Simulated printer");
        assertThat(out.readLine()).startsWith("Commands (a control or admin key, and the control lease): "
                + "printer.set_temperature, job.start, job.pause, job.resume, job.cancel, printer.emergency_stop");
        TestClient monitorClient = connect(uri, MONITOR_KEY);
        assertThat(monitorClient.next().get("type").getAsString()).isEqualTo("status");
        Inbox monitor = new Inbox(monitorClient);

        JsonObject command = request(monitor, 1, "printer.set_temperature", "\"heater\":\"extruder\",\"target\":200");
        assertError(command, "forbidden");
        assertThat(details(command).get("required").getAsString()).isEqualTo("control");
        assertThat(details(command).get("command").getAsString()).isEqualTo("printer.set_temperature");
        assertError(request(monitor, 2, "control.acquire", "\"client\":\"Hall display\""), "forbidden");
        assertThatThrownBy(() -> connect(uri, KEY)).as("no admin key was generated or given")
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));

        Inbox control = new Inbox(connect(uri, CONTROL_KEY));
        JsonObject withoutLease = request(control, 3, "job.start", "\"file\":\"benchy.gcode\"");
        assertError(withoutLease, "control_required");
        assertThat(details(withoutLease).get("holder").isJsonNull()).isTrue();
        assertThat(request(control, 4, "control.acquire", "\"client\":\"Test bench\"").get("type").getAsString())
                .isEqualTo("result");
        JsonObject tooHot = request(control, 5, "printer.set_temperature", "\"heater\":\"extruder\",\"target\":400");
        assertError(tooHot, "out_of_range");
        assertThat(details(tooHot).get("field").getAsString()).isEqualTo("target");
        assertThat(details(tooHot).get("max").getAsDouble()).isEqualTo(300);
        JsonObject noHeater = request(control, 6, "printer.set_temperature", "\"target\":200");
        assertError(noHeater, "invalid_argument");
        assertThat(details(noHeater).get("field").getAsString()).isEqualTo("heater");
        // The holder's commands run; the monitor key still may not, lease or not.
        assertThat(result(request(control, 7, "job.start", "\"file\":\"benchy.gcode\"")).get("state").getAsString())
                .isEqualTo("printing");
        assertError(request(monitor, 8, "job.cancel", ""), "forbidden");
        monitor.close();
        control.close();
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
    }

    @Test
    void aControlKeyHeatsTheExtruderAndPrintsAJobToComplete() throws Exception {
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--control-key", CONTROL_KEY, "--sim-speed", "50");
        URI uri = awaitUri(reader(runner));
        Inbox control = new Inbox(connect(uri, CONTROL_KEY));
        acquire(control);
        subscribe(control, "temperature");
        subscribe(control, "notification");

        JsonObject set = result(request(control, 10, "printer.set_temperature",
                "\"heater\":\"extruder\",\"target\":200"));
        assertThat(set.get("heater").getAsString()).isEqualTo("extruder");
        assertThat(set.get("target").getAsDouble()).isEqualTo(200);
        // About 3 °C/s from cold at 50x: 200 °C within a few seconds of real time.
        List<Double> extruder = new ArrayList<>();
        JsonObject reached = control.await(message -> {
            JsonObject heater = temperatureOf(message, "extruder");
            if (heater != null && heater.has("actual")) {
                extruder.add(heater.get("actual").getAsDouble());
            }
            return isEvent(message, "temperature_reached");
        });
        assertThat(reached.getAsJsonObject("data").get("source").getAsString()).isEqualTo("extruder");
        assertThat(reached.getAsJsonObject("data").get("level").getAsString()).isEqualTo("info");
        assertThat(extruder).as("temperature updates on the way up").hasSizeGreaterThan(3);
        assertThat(extruder.get(extruder.size() - 1)).isGreaterThan(extruder.get(0) + 100);
        assertThat(extruder).allSatisfy(actual -> assertThat(actual).isLessThan(200 + SimulatedPrinter.REACHED_TOLERANCE));

        subscribe(control, "job");
        JsonObject started = result(request(control, 11, "job.start", "\"file\":\"benchy.gcode\""));
        assertThat(started.get("state").getAsString()).isEqualTo("printing");
        assertThat(started.get("file").getAsString()).isEqualTo("benchy.gcode");
        // 60 to 120 simulated seconds: at most a few seconds at 50x.
        control.await(message -> isJobState(message, "complete"));
        JsonObject complete = control.await(message -> isEvent(message, "job_complete"));
        assertThat(complete.getAsJsonObject("data").get("message").getAsString()).contains("benchy.gcode");
        control.close();
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
    }

    @Test
    void cancelAndEmergencyStopDoWhatTheySay() throws Exception {
        // Real time: a job lasts at least a minute, so it is still printing when it is cancelled.
        Process runner = start("--host", "127.0.0.1", "--port", "0", "--key", KEY);
        URI uri = awaitUri(reader(runner));
        Inbox admin = new Inbox(connect(uri, KEY));
        acquire(admin);
        subscribe(admin, "notification");
        subscribe(admin, "job");

        result(request(admin, 20, "job.start", "\"file\":\"first.gcode\""));
        assertThat(result(request(admin, 21, "job.cancel", "")).get("state").getAsString()).isEqualTo("cancelled");
        admin.await(message -> isJobState(message, "cancelled"));
        admin.await(message -> isEvent(message, "job_cancelled"));
        assertError(request(admin, 22, "job.cancel", ""), "no_job");

        result(request(admin, 23, "printer.set_temperature", "\"heater\":\"extruder\",\"target\":210"));
        result(request(admin, 24, "printer.set_temperature", "\"heater\":\"heater_bed\",\"target\":60"));
        result(request(admin, 25, "job.start", "\"file\":\"second.gcode\""));
        JsonObject stopped = result(request(admin, 26, "printer.emergency_stop", ""));
        assertThat(stopped.getAsJsonArray("heaters_off").toString()).isEqualTo("[\"extruder\",\"heater_bed\"]");
        assertThat(stopped.getAsJsonObject("job").get("state").getAsString()).isEqualTo("error");
        JsonObject critical = admin.await(message -> isEvent(message, "emergency_stop"));
        assertThat(critical.getAsJsonObject("data").get("level").getAsString()).isEqualTo("critical");
        // A fresh snapshot shows the outcome, however the updates before it were merged.
        admin.forget();
        subscribe(admin, "temperature");
        JsonObject heaters = admin.await(message -> message.get("type").getAsString().equals("snapshot")
                && message.get("topic").getAsString().equals("temperature")).getAsJsonObject("data")
                .getAsJsonObject("heaters");
        assertThat(heaters.getAsJsonObject("extruder").get("target").getAsDouble()).isZero();
        assertThat(heaters.getAsJsonObject("heater_bed").get("target").getAsDouble()).isZero();
        subscribe(admin, "job");
        JsonObject job = admin.await(message -> message.get("type").getAsString().equals("snapshot")
                && message.get("topic").getAsString().equals("job")).getAsJsonObject("data");
        assertThat(job.get("state").getAsString()).isEqualTo("error");
        assertThat(job.get("file").getAsString()).isEqualTo("second.gcode");
        admin.close();
        runner.destroy();
        assertThat(runner.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--monitor-key", "--control-key"})
    void anEmptyScopedKeyIsRefusedInOneLine(String flag) throws Exception {
        Process runner = track(command(flag, "").start());
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(runner.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(runner.exitValue()).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("Error: " + flag + " is empty; give a key, or leave out the flag");
    }

    /** Sends a message and returns the reply with its id; topic messages that come first stay in the inbox. */
    private static JsonObject request(Inbox client, int id, String type, String arguments) {
        client.send("{\"type\":\"" + type + "\",\"id\":" + id + (arguments.isEmpty() ? "" : "," + arguments) + "}");
        return client.await(message -> message.has("id") && message.get("id").getAsInt() == id);
    }

    private static JsonObject result(JsonObject reply) {
        assertThat(reply.get("type").getAsString()).as("reply %s", reply).isEqualTo("result");
        return reply.getAsJsonObject("result");
    }

    private static void assertError(JsonObject reply, String code) {
        assertThat(reply.get("type").getAsString()).as("reply %s", reply).isEqualTo("error");
        assertThat(reply.getAsJsonObject("error").get("code").getAsString()).as("reply %s", reply).isEqualTo(code);
    }

    private static JsonObject details(JsonObject error) {
        return error.getAsJsonObject("error").getAsJsonObject("details");
    }

    private static void acquire(Inbox client) {
        result(request(client, 100, "control.acquire", "\"client\":\"ExampleRunnerIT\""));
    }

    private static void subscribe(Inbox client, String topic) {
        client.send("{\"type\":\"subscribe\",\"topic\":\"" + topic + "\"}");
    }

    /**
     * A client's messages, status pushes aside, for tests that wait for several things in turn: a
     * command's reply may come before or after the topic messages it causes, so what one wait
     * skips stays for the next.
     */
    private static final class Inbox {

        private final TestClient client;
        private final List<JsonObject> skipped = new ArrayList<>();

        Inbox(TestClient client) {
            this.client = client;
        }

        void send(String text) {
            client.send(text);
        }

        /** @return the first message so far or within 30 s that matches, taken out of the inbox */
        JsonObject await(java.util.function.Predicate<JsonObject> condition) {
            for (var iterator = skipped.iterator(); iterator.hasNext(); ) {
                JsonObject message = iterator.next();
                if (condition.test(message)) {
                    iterator.remove();
                    return message;
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonObject message = client.next(); // fails after 10 s without a message
                if (message.get("type").getAsString().equals("status") && !message.has("id")) {
                    continue;
                }
                if (condition.test(message)) {
                    return message;
                }
                skipped.add(message);
            }
            throw new AssertionError("no matching message within 30 s; skipped " + skipped.size());
        }

        /** Drops the messages skipped so far, such as the snapshots of an earlier subscription. */
        void forget() {
            skipped.clear();
        }

        void close() {
            client.close();
        }
    }

    private static boolean isEvent(JsonObject message, String code) {
        return message.get("type").getAsString().equals("event")
                && message.getAsJsonObject("data").get("code").getAsString().equals(code);
    }

    private static boolean isJobState(JsonObject message, String state) {
        return message.has("topic") && message.get("topic").getAsString().equals("job") && message.has("data")
                && message.getAsJsonObject("data").has("state")
                && message.getAsJsonObject("data").get("state").getAsString().equals(state);
    }

    /** @return a heater's members in a temperature snapshot or update, or {@code null} */
    private static JsonObject temperatureOf(JsonObject message, String heater) {
        if (!message.has("topic") || !message.get("topic").getAsString().equals("temperature")
                || !message.has("data") || !message.getAsJsonObject("data").has("heaters")) {
            return null;
        }
        JsonObject heaters = message.getAsJsonObject("data").getAsJsonObject("heaters");
        return heaters.has(heater) ? heaters.getAsJsonObject(heater) : null;
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

    private static URI awaitUri(String line) {
        Matcher matcher = WS_URI.matcher(line);
        assertThat(matcher.find()).as("a ws:// address in %s", line).isTrue();
        return URI.create(matcher.group());
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
