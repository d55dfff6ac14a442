package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random, structured and mutated messages, randomly fragmented, against a live server: it never
 * crashes, every message gets exactly its documented answer (predicted by an oracle written
 * independently of the server's parser), the counters stay exact, and a well-behaved client on
 * the same server keeps receiving status on time.
 */
class FuzzPropertiesTest {

    private static final AtomicLong SENTINELS = new AtomicLong();
    private static HydrogenWebSocketServer server;
    private static TestClient fuzzer;
    private static TestClient watcher;

    @BeforeContainer
    static void start() {
        server = ServerFixture.started(ServerFixture.loopback().statusInterval(Duration.ofMillis(50))
                .limits(l -> l.maxMessagesPerSecond(1_000_000).maxMessageBytes(4096)));
        fuzzer = TestClient.connect(server.uri(), KEY);
        watcher = TestClient.connect(server.uri(), KEY);
    }

    @AfterContainer
    static void stop() {
        fuzzer.close();
        watcher.close();
        server.close();
    }

    @Property(tries = 300)
    void everyMessageGetsExactlyItsDocumentedAnswer(@ForAll("messages") String message,
            @ForAll("cuts") List<Integer> cuts) throws Exception {
        long requestsBefore = server.context().totalRequests();
        sendFragmented(message, cuts);
        String sentinel = "sentinel-" + SENTINELS.incrementAndGet();
        fuzzer.send("{\"type\":\"ping\",\"id\":\"" + sentinel + "\"}");

        List<JsonObject> answers = new ArrayList<>();
        int unaddressedStatuses = 0;
        while (true) {
            String raw = fuzzer.messages.poll(10, TimeUnit.SECONDS);
            assertThat(raw).as("the sentinel's pong").isNotNull();
            JsonObject reply = JsonParser.parseString(raw).getAsJsonObject();
            if (reply.has("id") && reply.get("id").isJsonPrimitive() && sentinel.equals(reply.get("id").getAsString())) {
                break;
            }
            if ("status".equals(reply.get("type").getAsString()) && !reply.has("id")) {
                unaddressedStatuses++; // a push, or the answer to a status request without id
                continue;
            }
            answers.add(reply);
        }

        Expected expected = oracle(message);
        if (expected == Expected.STATUS_WITHOUT_ID) {
            assertThat(answers).isEmpty();
            assertThat(unaddressedStatuses).isPositive();
        } else {
            assertThat(answers).as("answers to %s", message).hasSize(1);
            JsonObject answer = answers.get(0);
            switch (expected) {
                case PONG -> assertThat(answer.get("type").getAsString()).isEqualTo("pong");
                case STATUS_WITH_ID -> assertThat(answer.get("type").getAsString()).isEqualTo("status");
                case INVALID -> assertThat(answer.getAsJsonObject("error").get("code").getAsString())
                        .isEqualTo("invalid_message");
                default -> throw new AssertionError(expected);
            }
        }
        assertThat(server.context().totalRequests()).isEqualTo(requestsBefore + 2);
        assertThat(server.context().activeConnections()).isEqualTo(2);
        assertWatcherIsFed();
    }

    private enum Expected { PONG, STATUS_WITH_ID, STATUS_WITHOUT_ID, INVALID }

    /** The protocol's rules, written from docs/protocol.md rather than from the server's code. */
    private static Expected oracle(String message) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(message));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return Expected.INVALID;
            }
        } catch (RuntimeException | java.io.IOException e) {
            return Expected.INVALID;
        }
        if (!root.isJsonObject()) {
            return Expected.INVALID;
        }
        JsonObject object = root.getAsJsonObject();
        JsonElement id = object.get("id");
        boolean idOk = id == null || (id.isJsonPrimitive() && (id.getAsJsonPrimitive().isString()
                || id.getAsJsonPrimitive().isNumber()));
        JsonElement type = object.get("type");
        if (!idOk || type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
            return Expected.INVALID;
        }
        return switch (type.getAsString()) {
            case "ping" -> Expected.PONG;
            case "status" -> id == null ? Expected.STATUS_WITHOUT_ID : Expected.STATUS_WITH_ID;
            default -> Expected.INVALID; // "auth" when authenticated, and every unknown type
        };
    }

    private static void sendFragmented(String message, List<Integer> cuts) {
        List<Integer> points = cuts.stream().filter(c -> c > 0 && c < message.length()).distinct().sorted().toList();
        int from = 0;
        for (int cut : points) {
            fuzzer.socket.sendText(message.substring(from, cut), false).join();
            from = cut;
        }
        fuzzer.socket.sendText(message.substring(from), true).join();
    }

    private static void assertWatcherIsFed() throws InterruptedException {
        String latest = null;
        for (String raw; (raw = watcher.messages.poll()) != null; ) {
            latest = raw;
        }
        if (latest == null) {
            latest = watcher.messages.poll(1, TimeUnit.SECONDS);
        }
        assertThat(latest).as("a status for the well-behaved client").isNotNull();
        long age = System.currentTimeMillis() - JsonParser.parseString(latest).getAsJsonObject().get("timestamp").getAsLong();
        assertThat(age).as("age of the watcher's latest status, ms").isLessThan(1_000);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 200).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(120);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn \\\\").ofMaxLength(60);
        Arbitrary<String> typeValue = Arbitraries.oneOf(
                Arbitraries.of("\"ping\"", "\"status\"", "\"auth\"", "\"pong\"", "\"\"", "7", "null", "true", "[]", "{}"),
                Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "\"" + s + "\""));
        Arbitrary<String> idValue = Arbitraries.of("", ",\"id\":1", ",\"id\":\"a\"", ",\"id\":-2.5e3", ",\"id\":null",
                ",\"id\":{}", ",\"id\":[1]", ",\"id\":true", ",\"id\":12345678901234567890123");
        Arbitrary<String> extra = Arbitraries.of("", ",\"x\":1", ",\"nested\":{\"a\":[1,2,{}]}", ",\"type\":\"ping\"");
        Arbitrary<String> structured = Combinators.combine(typeValue, idValue, extra)
                .as((type, id, more) -> "{\"type\":" + type + id + more + "}");
        Arbitrary<String> mutated = Combinators.combine(structured, Arbitraries.integers().between(0, 40),
                Arbitraries.chars().with('{', '}', '"', ',', ':', 'x', ' ', '\\'), Arbitraries.of(0, 1, 2))
                .as((text, at, c, op) -> mutate(text, at, c, op));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, noise), net.jqwik.api.Tuple.of(2, jsonish),
                net.jqwik.api.Tuple.of(4, structured), net.jqwik.api.Tuple.of(3, mutated));
    }

    private static String mutate(String text, int at, char c, int op) {
        int i = Math.min(at, text.length());
        return switch (op) {
            case 0 -> text.substring(0, i) + c + text.substring(i);                     // insert
            case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text; // delete
            default -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text; // replace
        };
    }
}
