package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.spi.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The published contract (docs/contract): well-formed, strict enough to matter, tied together by
 * the AsyncAPI document, copied into the jar unchanged, and enforced on every message the test
 * client receives.
 */
class ContractSchemaTest {

    /** docs/contract, from the module's directory (where Surefire runs). */
    static final Path DOCS = Path.of("..", "docs", "contract");

    private static final String STATUS = "{\"type\":\"status\",\"epoch\":\"Xq3v9TtKp0Ab\",\"seq\":3,"
            + "\"timestamp\":1795881600123,\"server_start_time\":\"2026-11-27T15:52:05.123Z\","
            + "\"active_connections\":1,\"total_connections\":2,\"total_requests\":3,"
            + "\"system\":{\"sysname\":\"Linux\",\"nodename\":\"h\",\"release\":\"6.1\",\"version\":\"#1\","
            + "\"machine\":\"x86_64\"},\"status\":{\"running\":true,\"shutting_down\":false,\"totalThreads\":20,"
            + "\"totalVirtualMemoryBytes\":1000,\"totalResidentMemoryBytes\":500}";
    /** A holder of the control lease as the server writes it. */
    private static final String HOLDER = "{\"principal\":\"api-key:8a6c02f7\",\"client\":\"Kitchen tablet\","
            + "\"since\":\"2026-11-30T01:35:27.012Z\",\"connected\":true}";

    static JsonObject index() throws IOException {
        return JsonParser.parseString(Files.readString(DOCS.resolve("index.json"))).getAsJsonObject();
    }

    static List<String> indexedFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (JsonElement file : index().getAsJsonArray("files")) {
            files.add(file.getAsString());
        }
        return files;
    }

    @Test
    void theIndexListsEveryFileOfTheContractAndTheJarCarriesThemUnchanged() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> (name.endsWith(".json") || name.endsWith(".yaml")) && !name.equals("index.json"))
                    .forEach(onDisk::add);
        }
        assertThat(new TreeSet<>(indexedFiles())).isEqualTo(onDisk);
        for (String file : indexedFiles()) {
            try (InputStream copy = getClass().getClassLoader().getResourceAsStream(Contract.CLASSPATH_ROOT + file)) {
                assertThat(copy).as("the jar's copy of " + file).isNotNull();
                assertThat(copy.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(DOCS.resolve(file)));
            }
        }
    }

    @Test
    void everySchemaIsAValid2020_12SchemaWhoseReferencesResolve() throws IOException {
        Schema metaSchema = SchemaRegistry.withDialect(Dialects.getDraft202012())
                .getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));
        for (String file : indexedFiles()) {
            if (!file.endsWith(".schema.json")) {
                continue;
            }
            String text = Files.readString(DOCS.resolve(file));
            assertThat(metaSchema.validate(text, InputFormat.JSON)).as(file).isEmpty();
            assertThat(JsonParser.parseString(text).getAsJsonObject().get("$schema").getAsString())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            // Validating anything walks every $ref the instance reaches; an unresolvable one throws.
            Contract.violations(file, "{}");
        }
    }

    static Stream<Arguments> conforming() {
        return Stream.of(
                Arguments.of(Contract.SERVER_MESSAGE, STATUS + "}"),
                Arguments.of(Contract.SERVER_MESSAGE, STATUS + ",\"id\":\"a\",\"printer\":{\"state\":\"ready\"}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"pong\",\"id\":1.5}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"auth_ok\",\"scope\":\"monitor\"}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"error\",\"error\":{\"code\":\"printer_busy\","
                        + "\"message\":\"busy\",\"details\":{\"anything\":[1,2]}}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"result\",\"id\":4,\"request\":\"print.start\","
                        + "\"result\":null}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"job_progress\",\"data\":[1,\"x\"]}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"snapshot\",\"topic\":\"job\",\"seq\":0,"
                        + "\"timestamp\":1,\"data\":{}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"update\",\"topic\":\"temperature\",\"seq\":2,"
                        + "\"timestamp\":1,\"data\":{\"heaters\":{\"bed\":null,\"extruder\":{\"target\":null}}}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"update\",\"topic\":\"bed_mesh\",\"seq\":2,"
                        + "\"timestamp\":1,\"data\":{\"points\":[[0.1]]}}"),
                Arguments.of(Contract.CLIENT_MESSAGE, "{\"type\":\"subscribe\",\"topic\":\"notification\","
                        + "\"resume\":{\"epoch\":\"Xq3v9TtKp0Ab\",\"seq\":41}}"),
                Arguments.of(Contract.CLIENT_MESSAGE, "{\"type\":\"print.start\",\"id\":\"7\",\"file\":\"a.gcode\"}"),
                Arguments.of(Contract.CLIENT_MESSAGE, "{\"type\":\"control.acquire\",\"id\":1,\"client\":\""
                        + "x".repeat(64) + "\",\"force\":true}"),
                Arguments.of(Contract.CLIENT_MESSAGE, "{\"type\":\"control.release\",\"id\":\"r\"}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"result\",\"id\":1,\"request\":\"control.acquire\","
                        + "\"result\":{\"holder\":" + HOLDER + "}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"result\",\"request\":\"control.acquire\","
                        + "\"result\":{\"holder\":" + HOLDER.replace("\"Kitchen tablet\"", "null") + "}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"result\",\"id\":2,\"request\":\"control.release\","
                        + "\"result\":{\"holder\":null}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"error\",\"id\":1,\"error\":{\"code\":\"forbidden\","
                        + "\"message\":\"m\",\"details\":{\"required\":\"control\",\"command\":\"printer.home\"}}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"error\",\"error\":{\"code\":\"control_required\","
                        + "\"message\":\"m\",\"details\":{\"holder\":null,\"command\":\"printer.home\"}}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"error\",\"error\":{\"code\":\"control_held\","
                        + "\"message\":\"m\",\"details\":{\"holder\":"
                        + HOLDER.replace("\"connected\":true", "\"connected\":false") + "}}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"error\",\"error\":{\"code\":\"control_not_held\","
                        + "\"message\":\"m\",\"details\":{\"holder\":null}}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"snapshot\",\"topic\":\"control\",\"seq\":1,"
                        + "\"timestamp\":1,\"data\":{\"holder\":null}}"),
                Arguments.of(Contract.SERVER_MESSAGE, "{\"type\":\"update\",\"topic\":\"control\",\"seq\":3,"
                        + "\"timestamp\":1,\"data\":{\"holder\":{\"client\":null,\"connected\":false}}}"),
                Arguments.of(Contract.HTTP_ERROR, "{\"error\":{\"code\":\"too_many_auth_failures\","
                        + "\"message\":\"x\",\"details\":{\"retry_after_s\":30}}}"),
                Arguments.of(Contract.SYSTEM_INFO, STATUS + ",\"port\":5001,\"protocol\":\"hydrogen-protocol\","
                        + "\"outbound\":{\"queued_messages\":0,\"queued_bytes\":0,\"messages_sent\":3,"
                        + "\"messages_conflated\":0,\"messages_dropped\":0,\"slow_clients_closed\":0}}"));
    }

    @ParameterizedTest
    @MethodSource("conforming")
    void wellFormedMessagesConform(String schema, String json) {
        assertThat(Contract.violations(schema, json)).isEmpty();
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("no type", Contract.SERVER_MESSAGE, "{\"id\":1}"),
                Arguments.of("type not a string", Contract.SERVER_MESSAGE, "{\"type\":7,\"data\":1}"),
                Arguments.of("not an object", Contract.SERVER_MESSAGE, "[\"status\"]"),
                Arguments.of("status without seq", Contract.SERVER_MESSAGE, STATUS.replace("\"seq\":3,", "") + "}"),
                Arguments.of("status without epoch (v0.1)", Contract.SERVER_MESSAGE,
                        STATUS.replace("\"epoch\":\"Xq3v9TtKp0Ab\",", "") + "}"),
                Arguments.of("status with a bad start time", Contract.SERVER_MESSAGE,
                        STATUS.replace("2026-11-27T15:52:05.123Z", "yesterday") + "}"),
                Arguments.of("status with a member no section can have", Contract.SERVER_MESSAGE,
                        STATUS + ",\"Extra\":1}"),
                Arguments.of("status reply carrying system info's port", Contract.SERVER_MESSAGE,
                        STATUS + ",\"port\":5001}"),
                Arguments.of("update without topic", Contract.SERVER_MESSAGE,
                        "{\"type\":\"update\",\"seq\":2,\"timestamp\":1,\"data\":{}}"),
                Arguments.of("update of an event topic", Contract.SERVER_MESSAGE,
                        "{\"type\":\"update\",\"topic\":\"notification\",\"seq\":2,\"timestamp\":1,\"data\":{}}"),
                Arguments.of("job progress over 1", Contract.SERVER_MESSAGE,
                        "{\"type\":\"snapshot\",\"topic\":\"job\",\"seq\":1,\"timestamp\":1,\"data\":{\"progress\":2}}"),
                Arguments.of("notification without level", Contract.SERVER_MESSAGE,
                        "{\"type\":\"event\",\"topic\":\"notification\",\"seq\":1,\"timestamp\":1,\"data\":"
                                + "{\"code\":\"x\",\"message\":\"m\",\"source\":null,\"details\":{}}}"),
                Arguments.of("error code that is no code", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"Bad Code!\",\"message\":\"m\",\"details\":{}}}"),
                Arguments.of("error code a number", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":400,\"message\":\"m\",\"details\":{}}}"),
                Arguments.of("error without details", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"invalid_message\",\"message\":\"m\"}}"),
                Arguments.of("unknown_topic without its topic", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"unknown_topic\",\"message\":\"m\",\"details\":{}}}"),
                Arguments.of("junk in pong", Contract.SERVER_MESSAGE, "{\"type\":\"pong\",\"id\":1,\"junk\":true}"),
                Arguments.of("junk in subscribed", Contract.SERVER_MESSAGE, "{\"type\":\"subscribed\",\"topic\":\"job\","
                        + "\"kind\":\"state\",\"epoch\":\"Xq3v9TtKp0Ab\",\"seq\":1,\"resumed\":false,\"junk\":1}"),
                Arguments.of("junk in an error envelope", Contract.HTTP_ERROR,
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"m\",\"details\":{\"reason\":\"r\"}},\"trace\":1}"),
                Arguments.of("a client's type from the server", Contract.SERVER_MESSAGE,
                        "{\"type\":\"subscribe\",\"data\":{}}"),
                Arguments.of("a broadcast without data", Contract.SERVER_MESSAGE, "{\"type\":\"print_started\"}"),
                Arguments.of("a result without request", Contract.SERVER_MESSAGE,
                        "{\"type\":\"result\",\"id\":1,\"result\":{}}"),
                Arguments.of("an id that is an object", Contract.SERVER_MESSAGE, "{\"type\":\"pong\",\"id\":{}}"),
                Arguments.of("a server's type from a client", Contract.CLIENT_MESSAGE, "{\"type\":\"pong\"}"),
                Arguments.of("subscribe with a misspelt option", Contract.CLIENT_MESSAGE,
                        "{\"type\":\"subscribe\",\"topic\":\"job\",\"min_interval\":5}"),
                Arguments.of("system info with an id", Contract.SYSTEM_INFO, STATUS + ",\"id\":1,\"port\":5001,"
                        + "\"protocol\":\"p\",\"outbound\":{\"queued_messages\":0,\"queued_bytes\":0,"
                        + "\"messages_sent\":3,\"messages_conflated\":0,\"messages_dropped\":0,\"slow_clients_closed\":0}}"),
                Arguments.of("not JSON", Contract.SERVER_MESSAGE, "{\"type\":\"pong\""),
                Arguments.of("status with an outbound section (system info's member)", Contract.SERVER_MESSAGE,
                        STATUS + ",\"outbound\":{}}"),
                Arguments.of("acquire with a numeric client", Contract.CLIENT_MESSAGE,
                        "{\"type\":\"control.acquire\",\"client\":7}"),
                Arguments.of("acquire with a client over 64 characters", Contract.CLIENT_MESSAGE,
                        "{\"type\":\"control.acquire\",\"client\":\"" + "x".repeat(65) + "\"}"),
                Arguments.of("acquire with force a string", Contract.CLIENT_MESSAGE,
                        "{\"type\":\"control.acquire\",\"force\":\"yes\"}"),
                Arguments.of("release with an argument", Contract.CLIENT_MESSAGE,
                        "{\"type\":\"control.release\",\"client\":\"x\"}"),
                Arguments.of("forbidden without required", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"forbidden\",\"message\":\"m\","
                                + "\"details\":{\"command\":\"printer.home\"}}}"),
                Arguments.of("forbidden requiring monitor", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"forbidden\",\"message\":\"m\","
                                + "\"details\":{\"required\":\"monitor\",\"command\":\"printer.home\"}}}"),
                Arguments.of("control_required without command", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"control_required\",\"message\":\"m\","
                                + "\"details\":{\"holder\":null}}}"),
                Arguments.of("control_held by nobody", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"control_held\",\"message\":\"m\","
                                + "\"details\":{\"holder\":null}}}"),
                Arguments.of("a holder without principal", Contract.SERVER_MESSAGE,
                        "{\"type\":\"result\",\"request\":\"control.acquire\",\"result\":{\"holder\":"
                                + HOLDER.replace("\"principal\":\"api-key:8a6c02f7\",", "") + "}}"),
                Arguments.of("a holder whose since is no date-time", Contract.SERVER_MESSAGE,
                        "{\"type\":\"error\",\"error\":{\"code\":\"control_not_held\",\"message\":\"m\","
                                + "\"details\":{\"holder\":" + HOLDER.replace("2026-11-30T01:35:27.012Z", "1795881600")
                                + "}}}"),
                Arguments.of("a holder with a junk member", Contract.SERVER_MESSAGE,
                        "{\"type\":\"snapshot\",\"topic\":\"control\",\"seq\":1,\"timestamp\":1,\"data\":"
                                + "{\"holder\":" + HOLDER.replace("}", ",\"key\":\"k\"}") + "}}"),
                Arguments.of("an acquire that left nobody holding", Contract.SERVER_MESSAGE,
                        "{\"type\":\"result\",\"request\":\"control.acquire\",\"result\":{\"holder\":null}}"),
                Arguments.of("a release that left a holder", Contract.SERVER_MESSAGE,
                        "{\"type\":\"result\",\"request\":\"control.release\",\"result\":{\"holder\":"
                                + HOLDER + "}}"),
                Arguments.of("a control result that is no holder", Contract.SERVER_MESSAGE,
                        "{\"type\":\"result\",\"request\":\"control.release\",\"result\":{\"ok\":true}}"),
                Arguments.of("the control topic with a member of its own", Contract.SERVER_MESSAGE,
                        "{\"type\":\"snapshot\",\"topic\":\"control\",\"seq\":1,\"timestamp\":1,"
                                + "\"data\":{\"holder\":null,\"mode\":\"auto\"}}"),
                Arguments.of("a control update whose connected is no boolean", Contract.SERVER_MESSAGE,
                        "{\"type\":\"update\",\"topic\":\"control\",\"seq\":2,\"timestamp\":1,"
                                + "\"data\":{\"holder\":{\"connected\":\"no\"}}}"),
                Arguments.of("an event of the control topic", Contract.SERVER_MESSAGE,
                        "{\"type\":\"event\",\"topic\":\"control\",\"seq\":1,\"timestamp\":1,"
                                + "\"data\":{\"holder\":null}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrong")
    void wrongMessagesAreRejected(String what, String schema, String json) {
        List<String> violations = Contract.violations(schema, json);
        assertThat(violations).as(what).isNotEmpty();
    }

    @Test
    void theAsyncApiDocumentTiesEveryMessageSchemaToTheChannel() throws IOException {
        JsonNode api = new YAMLMapper().readTree(DOCS.resolve("asyncapi.yaml").toFile());
        assertThat(api.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(api.path("info").path("version").asString()).startsWith(index().get("version").getAsString());
        JsonNode channels = api.path("channels");
        assertThat(channels.propertyNames()).containsExactly("hydrogen");
        JsonNode components = api.path("components").path("messages");

        Set<String> payloads = new HashSet<>();
        for (Map.Entry<String, JsonNode> message : channels.path("hydrogen").path("messages").properties()) {
            String component = resolve(api, message.getValue().path("$ref").asString()).path("payload")
                    .path("schema").path("$ref").asString();
            assertThat(component).as("payload of " + message.getKey()).startsWith("./");
            String file = component.substring(2);
            assertThat(DOCS.resolve(file)).as(file).exists();
            assertThat(indexedFiles()).contains(file);
            payloads.add(file);
        }
        assertThat(components.size()).isEqualTo(channels.path("hydrogen").path("messages").size());

        // Every message schema the two dispatching schemas name is a message of the channel.
        Set<String> dispatched = new TreeSet<>();
        for (String dispatcher : List.of(Contract.SERVER_MESSAGE, Contract.CLIENT_MESSAGE)) {
            JsonArray cases = JsonParser.parseString(Files.readString(DOCS.resolve(dispatcher))).getAsJsonObject()
                    .getAsJsonArray("allOf");
            for (JsonElement branch : cases) {
                for (String key : List.of("then", "else")) {
                    if (branch.getAsJsonObject().has(key)) {
                        dispatched.add(branch.getAsJsonObject().getAsJsonObject(key).get("$ref").getAsString());
                    }
                }
            }
        }
        assertThat(dispatched).hasSize(22);
        assertThat(payloads).containsExactlyInAnyOrderElementsOf(dispatched);

        // Every operation names the channel and messages of it, and so does its reply.
        assertThat(api.path("operations").size()).isGreaterThanOrEqualTo(10);
        for (Map.Entry<String, JsonNode> operation : api.path("operations").properties()) {
            JsonNode op = operation.getValue();
            assertThat(op.path("action").asString()).as(operation.getKey()).isIn("send", "receive");
            assertThat(op.path("channel").path("$ref").asString()).isEqualTo("#/channels/hydrogen");
            List<JsonNode> refs = new ArrayList<>();
            op.path("messages").forEach(refs::add);
            op.path("reply").path("messages").forEach(refs::add);
            assertThat(refs).as(operation.getKey()).isNotEmpty();
            for (JsonNode ref : refs) {
                assertThat(resolve(api, ref.path("$ref").asString()).isMissingNode()).as(ref.toString()).isFalse();
            }
        }
    }

    /** The built-in types of the contract are the ones the API keeps from host handlers. */
    @Test
    void theBuiltInTypesAreTheApisReservedMessageTypes() throws IOException {
        JsonArray builtIn = schemaFile("common.schema.json").getAsJsonObject("$defs").getAsJsonObject("builtInType")
                .getAsJsonArray("enum");
        Set<String> types = new TreeSet<>();
        builtIn.forEach(type -> types.add(type.getAsString()));
        assertThat(types).isEqualTo(new TreeSet<>(Names.RESERVED_MESSAGE_TYPES));
    }

    /**
     * A status section may not be named like a member of the status message or of the system info
     * response, and the contract rejects a status carrying one of the reserved names as a section.
     */
    @Test
    void statusSectionsCannotTakeTheNameOfADocumentedMember() throws IOException {
        JsonObject status = schemaFile("status.schema.json");
        Set<String> documented = new TreeSet<>(status.getAsJsonObject("$defs").getAsJsonObject("fields")
                .getAsJsonObject("properties").keySet());
        documented.addAll(schemaFile("system-info.schema.json").getAsJsonObject("properties").keySet());
        assertThat(Names.RESERVED_STATUS_FIELDS).containsAll(documented);

        Set<String> forbiddenInStatus = new TreeSet<>();
        for (JsonElement member : status.getAsJsonObject("not").getAsJsonArray("anyOf")) {
            member.getAsJsonObject().getAsJsonArray("required")
                    .forEach(name -> forbiddenInStatus.add(name.getAsString()));
        }
        Set<String> sectionNamesTheSchemaWouldTake = new TreeSet<>(Names.RESERVED_STATUS_FIELDS);
        sectionNamesTheSchemaWouldTake.removeAll(documented);
        sectionNamesTheSchemaWouldTake.removeAll(forbiddenInStatus);
        assertThat(sectionNamesTheSchemaWouldTake).as("reserved names a status may carry as a section").isEmpty();
        assertThat(Contract.violations(Contract.SERVER_MESSAGE, STATUS + ",\"outbound\":{\"queued_messages\":0}}"))
                .isNotEmpty();
    }

    private static JsonObject schemaFile(String file) throws IOException {
        return JsonParser.parseString(Files.readString(DOCS.resolve(file))).getAsJsonObject();
    }

    /**
     * The control lease's edges that ControlTest does not walk through conform too: a client name
     * the server had to check or cut, a release nobody held, a control snapshot whose fields leave
     * the holder out, an update from one holder to the next.
     */
    @Test
    void theControlLeasesMessagesConform() {
        String monitor = "monitor-key-0123456789";
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .apiKey(monitor, Scope.MONITOR)
                .endpoint(e -> e.command("printer.home", request -> Map.of("homed", true))));
                TestClient admin = TestClient.connect(server.uri(), KEY);
                TestClient watcher = TestClient.connect(server.uri(), monitor)) {
            admin.next("status");
            watcher.next("status");
            watcher.send("{\"type\":\"subscribe\",\"topic\":\"control\",\"fields\":[\"nothing\"]}");
            next(watcher, "subscribed");
            assertThat(next(watcher, "snapshot").getAsJsonObject("data").size()).isZero();
            watcher.send("{\"type\":\"subscribe\",\"topic\":\"control\"}");
            next(watcher, "subscribed");
            assertThat(next(watcher, "snapshot").getAsJsonObject("data").get("holder").isJsonNull()).isTrue();

            assertThat(errorCode(request(admin, "{\"type\":\"control.release\",\"id\":1}")))
                    .isEqualTo("control_not_held");
            assertThat(errorCode(request(admin, "{\"type\":\"control.acquire\",\"client\":7}")))
                    .isEqualTo("invalid_message");
            assertThat(errorCode(request(admin, "{\"type\":\"control.acquire\",\"force\":\"yes\"}")))
                    .isEqualTo("invalid_message");
            assertThat(errorCode(request(admin, "{\"type\":\"printer.home\"}"))).isEqualTo("control_required");
            assertThat(errorCode(request(watcher, "{\"type\":\"printer.home\"}"))).isEqualTo("forbidden");

            JsonObject acquired = request(admin,
                    "{\"type\":\"control.acquire\",\"client\":\"" + "y".repeat(80) + "\"}");
            assertThat(holder(acquired.getAsJsonObject("result")).get("client").getAsString()).hasSize(64);
            assertThat(holder(next(watcher, "update").getAsJsonObject("data")).get("connected").getAsBoolean())
                    .isTrue();
            // Acquired again without a name: the update removes client with a null.
            assertThat(request(admin, "{\"type\":\"control.acquire\"}").get("type").getAsString())
                    .isEqualTo("result");
            assertThat(holder(next(watcher, "update").getAsJsonObject("data")).get("client").isJsonNull()).isTrue();
            assertThat(request(admin, "{\"type\":\"printer.home\"}").get("type").getAsString()).isEqualTo("result");
            assertThat(request(admin, "{\"type\":\"control.release\"}").get("type").getAsString())
                    .isEqualTo("result");
            assertThat(next(watcher, "update").getAsJsonObject("data").get("holder").isJsonNull()).isTrue();
            admin.assertConforming();
            watcher.assertConforming();
        }
    }

    /** @return the next message that is not a status push, which must have the given type */
    private static JsonObject next(TestClient client, String type) {
        JsonObject message = client.nextNonStatus();
        assertThat(message.get("type").getAsString()).as("type of " + message).isEqualTo(type);
        return message;
    }

    /** @return the next message that is not a status push, after sending {@code json} */
    private static JsonObject request(TestClient client, String json) {
        client.send(json);
        return client.nextNonStatus();
    }

    private static JsonObject holder(JsonObject container) {
        return container.getAsJsonObject("holder");
    }

    private static String errorCode(JsonObject reply) {
        assertThat(reply.get("type").getAsString()).as(reply.toString()).isEqualTo("error");
        return reply.getAsJsonObject("error").get("code").getAsString();
    }

    /** @return the node a local {@code #/a/b} reference points at, following one more local reference */
    private static JsonNode resolve(JsonNode document, String ref) {
        assertThat(ref).startsWith("#/");
        JsonNode node = document.at(ref.substring(1));
        return node.has("$ref") && node.path("$ref").asString().startsWith("#/")
                ? document.at(node.path("$ref").asString().substring(1)) : node;
    }

    /** The hook itself: a message the contract does not describe fails the test that received it. */
    @Test
    void theTestClientFailsOnAMessageTheContractDoesNotDescribe() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback())) {
            TestClient client = TestClient.connect(server.uri(), KEY);
            client.next("status");
            // As if the server had sent it: a status without seq, in two fragments.
            client.onText(client.socket, "{\"type\":\"status\",", false);
            client.onText(client.socket, "\"id\":1}", true);
            assertThatThrownBy(client::next).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("not a server message of the contract").hasMessageContaining("seq");
            assertThatThrownBy(client::close).isInstanceOf(AssertionError.class);
            // Even a test that never reads the message fails, after it ends.
            assertThatThrownBy(() -> new ContractViolations().afterEach(null)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("{\"type\":\"status\",\"id\":1}");
            assertThat(client.takeViolations()).hasSize(1);
            client.assertConforming();
        }
    }

    /** Host broadcasts and results are generic in the contract: real ones conform. */
    @Test
    void hostBroadcastsAndResultsConform() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .endpoint(e -> e.messageHandler("print.start", request -> Map.of("accepted", true))));
                TestClient client = TestClient.connect(server.uri(), KEY)) {
            client.next("status");
            client.send("{\"type\":\"print.start\",\"id\":9,\"file\":\"a.gcode\"}");
            assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("result");
            server.broadcast("print_started", Map.of("file", "a.gcode"));
            assertThat(client.nextNonStatus().get("type").getAsString()).isEqualTo("print_started");
        }
    }
}
