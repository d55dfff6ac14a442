package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code endpoint(e -> e.staticResources(dir))}: a host's web page on the endpoint's port. */
class StaticResourcesTest {

    private static final String DIR = "static-files";
    private HydrogenWebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(String path, String directory) {
        server = ServerFixture.started(ServerFixture.loopback().endpoint(e -> e.path(path).staticResources(directory)));
        return server.port();
    }

    @Test
    void aPlainGetOfTheWebSocketPathServesTheIndexAndUpgradesStillReachTheEndpoint() throws Exception {
        int port = start("/", DIR);
        RawHttp.Response page = RawHttp.get(port, "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>static index</title>");

        try (TestClient client = TestClient.connect(server.uri(), KEY)) {
            assertThat(client.next().get("type").getAsString()).isEqualTo("status");
        }
        assertThat(server.context().totalConnections()).isEqualTo(1);
    }

    @Test
    void filesComeWithTheirTypeAndTheSecurityHeaders() throws Exception {
        int port = start("/", DIR + "/");
        RawHttp.Response script = RawHttp.get(port, "/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.body()).isEqualTo("export const answer = 42;\n");
        assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(script.header("ETag")).isNotBlank();
        String policy = script.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                "connect-src 'self' ws://127.0.0.1:" + port + " wss://127.0.0.1:" + port);
        assertThat(policy).doesNotContain("unsafe-inline");

        assertThat(RawHttp.get(port, "/sub/").body()).contains("sub index");
        assertThat(RawHttp.request(port, "HEAD", "/app.js").status()).isEqualTo(200);
    }

    @Test
    void aHostHeaderThatIsNotAnAuthorityStaysOutOfThePolicy() throws Exception {
        int port = start("/", DIR);
        RawHttp.Response page = RawHttp.get(port, "/app.js", "Host: evil;script-src *");
        // Jetty refuses such a Host itself, or the policy names no WebSocket origin at all.
        if (page.status() == 200) {
            assertThat(page.header("Content-Security-Policy")).endsWith("connect-src 'self'");
        } else {
            assertThat(page.status()).isEqualTo(400);
        }
    }

    @Test
    void whatIsNotAFileGetsTheUsualJsonAnswers() throws Exception {
        int port = start("/ws", DIR);
        RawHttp.Response missing = RawHttp.get(port, "/nope.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(JsonParser.parseString(missing.body()).getAsJsonObject().getAsJsonObject("error")
                .get("code").getAsString()).isEqualTo("not_found");
        assertThat(missing.header("Content-Security-Policy")).isNull();

        RawHttp.Response webSocketPath = RawHttp.get(port, "/ws");
        assertThat(webSocketPath.status()).isEqualTo(426);
        assertThat(RawHttp.get(port, "/").body()).contains("static index");

        // The API endpoints still need the key; other methods are not served from the directory.
        assertThat(RawHttp.get(port, "/api/system/info").status()).isEqualTo(401);
        assertThat(RawHttp.request(port, "POST", "/app.js", "Content-Length: 0").status()).isEqualTo(404);
        assertThat(RawHttp.get(port, "/../pom.xml").status()).isIn(400, 404);
        assertThat(server.context().totalRequests()).isZero();
    }

    @Test
    void aDirectoryThatIsNotOnTheClassPathServesNothing() throws Exception {
        int port = start("/", "no/such/dir");
        assertThat(RawHttp.get(port, "/").status()).isEqualTo(426);
        assertThat(RawHttp.get(port, "/index.html").status()).isEqualTo(404);
    }

    @Test
    void withoutTheOptionNothingIsServed() throws Exception {
        server = ServerFixture.started(ServerFixture.loopback());
        assertThat(server.config().endpoint().staticResources()).isEmpty();
        assertThat(RawHttp.get(server.port(), "/").status()).isEqualTo(426);
    }

    @Test
    void anEmbeddedEndpointServesTheFilesBelowItsContextPath() throws Exception {
        Server host = new Server();
        ServerConnector connector = new ServerConnector(host);
        connector.setHost("127.0.0.1");
        host.addConnector(connector);
        ServerConfig config = ServerFixture.loopback().endpoint(e -> e.path("/ws").staticResources(DIR)).buildConfig();
        host.setHandler(new ContextHandlerCollection(new HydrogenContextHandler("/hydrogen", config)));
        host.start();
        try {
            int port = connector.getLocalPort();
            assertThat(RawHttp.get(port, "/hydrogen/").body()).contains("static index");
            assertThat(RawHttp.get(port, "/hydrogen/app.js").status()).isEqualTo(200);
            try (TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/hydrogen/ws"), KEY)) {
                assertThat(client.next().get("type").getAsString()).isEqualTo("status");
            }
        } finally {
            host.stop();
        }
    }

    @Test
    void theDirectoryIsCheckedAtBuild() {
        for (String bad : new String[] {"", "/", "/abs", "a/../b", "a//b", "./a", "a\\b"}) {
            assertThatThrownBy(() -> ServerFixture.loopback().endpoint(e -> e.staticResources(bad)).build())
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("staticResources");
        }
        assertThat(ServerFixture.loopback().endpoint(e -> e.staticResources("META-INF/resources/")).buildConfig()
                .endpoint().staticResources()).contains("META-INF/resources");
    }
}
