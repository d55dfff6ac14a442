package io.hydrogen.ws.jetty;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The published contract (docs/contract, read from the classpath where the jetty jar carries it) as
 * validators for tests. Thread-safe: the client threads of every test client validate through it.
 */
public final class Contract {

    /** Where the build copies docs/contract inside the jar. */
    public static final String CLASSPATH_ROOT = "META-INF/hydrogen-ws/contract/";
    /** Every text message the server sends on the WebSocket. */
    public static final String SERVER_MESSAGE = "server-message.schema.json";
    /** Every text message a client may send. */
    public static final String CLIENT_MESSAGE = "client-message.schema.json";
    /** The body of every HTTP error response. */
    public static final String HTTP_ERROR = "http-error.schema.json";
    /** The body of {@code GET /api/system/info}. */
    public static final String SYSTEM_INFO = "system-info.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Contract() {
    }

    /**
     * Validates one JSON text.
     *
     * @param schemaFile a file of the contract, for example {@link #SERVER_MESSAGE}, or a fragment of
     *     one such as {@code subscribe.schema.json#/$defs/resume}
     * @return what is wrong, one line each; empty when {@code json} conforms
     */
    public static List<String> violations(String schemaFile, String json) {
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (JacksonException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        // Formats (date-time) are assertions here: stricter than the 2020-12 default, on purpose.
        List<Error> errors = schema(schemaFile).validate(instance,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    /** @return the schema, loaded once; its relative {@code $ref}s resolve to the files beside it */
    private static Schema schema(String schemaFile) {
        return SCHEMAS.computeIfAbsent(schemaFile,
                file -> REGISTRY.getSchema(SchemaLocation.of("classpath:" + CLASSPATH_ROOT + file)));
    }
}
