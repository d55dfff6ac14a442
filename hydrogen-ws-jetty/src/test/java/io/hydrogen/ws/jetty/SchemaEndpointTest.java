package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/schema: the published contract, read-only, authenticated like the system info endpoint. */
class SchemaEndpointTest {

    private static final String AUTH = "Authorization: Key " + KEY;
    private HydrogenWebSocketServer server;

    @BeforeEach
    void start() {
        server = ServerFixture.started(ServerFixture.loopback());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theIndexIsDocsContractIndexJson() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/schema", AUTH);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonObject index = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(index).isEqualTo(ContractSchemaTest.index());
        assertThat(server.context().totalRequests()).isZero();
    }

    @Test
    void everyListedFileIsServedAsItIsInDocsContract() throws Exception {
        for (String file : ContractSchemaTest.indexedFiles()) {
            RawHttp.Response response = RawHttp.get(server.port(), "/api/schema/" + file, AUTH);
            assertThat(response.status()).as(file).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(file)
                    .startsWith(file.endsWith(".yaml") ? "application/yaml" : "application/schema+json");
            assertThat(response.body()).as(file).isEqualTo(Files.readString(ContractSchemaTest.DOCS.resolve(file)));
        }
    }

    @Test
    void anUnknownNameIs404() throws Exception {
        for (String path : new String[] {"/api/schema/nope.schema.json", "/api/schema/index.json", "/api/schema/",
                "/api/schema/../../pom.xml", "/api/schemas"}) {
            RawHttp.Response response = RawHttp.get(server.port(), path, AUTH);
            assertThat(response.status()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).contains("\"error\"");
        }
    }

    @Test
    void withoutAValidKeyIs401() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/schema/status.schema.json");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Key realm=\"hydrogen\"");
        assertThat(response.body()).contains("\"auth_failed\"");
        assertThat(RawHttp.get(server.port(), "/api/schema", "Authorization: Key wrong").status()).isEqualTo(401);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        RawHttp.Response response = RawHttp.request(server.port(), "POST", "/api/schema", AUTH, "Content-Length: 0");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    /** The body the system info endpoint returns is the one its schema describes (RawHttp checks it). */
    @Test
    void theSystemInfoBodyConformsToItsSchema() throws Exception {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/system/info", AUTH);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Contract.violations(Contract.SYSTEM_INFO, response.body())).isEmpty();
    }
}
