package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.ServerState;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host application that already runs Jetty, with its own servlet and its own core handler, and
 * the Hydrogen endpoint mounted at /hydrogen/ws: no port of its own, the host's lifecycle drives it.
 */
class EmbeddingTest {

    /** The host's own servlet. */
    public static final class JobsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print("jobs: 3");
        }
    }

    private Server host;
    private HydrogenContextHandler hydrogen;
    private int port;

    @BeforeEach
    void startHost() throws Exception {
        host = new Server();
        ServerConnector connector = new ServerConnector(host);
        connector.setHost("127.0.0.1");
        host.addConnector(connector);
        host.setStopTimeout(5_000); // lets Jetty's graceful phase carry Hydrogen's goodbye

        ServletContextHandler app = new ServletContextHandler("/app");
        app.addServlet(JobsServlet.class, "/jobs");
        ContextHandler hello = new ContextHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Response.writeError(request, response, callback, 418, "teapot");
                return true;
            }
        }, "/hello");
        ServerConfig config = ServerFixture.loopback()
                .endpoint(e -> e.path("/ws")).statusInterval(Duration.ofMillis(50)).buildConfig();
        hydrogen = new HydrogenContextHandler("/hydrogen", config);

        host.setHandler(new ContextHandlerCollection(app, hello, hydrogen));
        host.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stopHost() throws Exception {
        host.stop();
    }

    @Test
    void hydrogenServesAtItsPathAndTheHostKeepsServing() throws Exception {
        assertThat(hydrogen.context().state()).isEqualTo(ServerState.RUNNING);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/hydrogen/ws");
        try (TestClient client = TestClient.connect(uri, KEY)) {
            JsonObject status = client.next("status");
            assertThat(status.get("active_connections").getAsInt()).isEqualTo(1);
            assertThat(client.next("status").get("seq").getAsLong()).isPositive();
            assertThat(hydrogen.context().activeConnections()).isEqualTo(1);

            RawHttp.Response jobs = RawHttp.get(port, "/app/jobs");
            assertThat(jobs.status()).isEqualTo(200);
            assertThat(jobs.body()).isEqualTo("jobs: 3");
            assertThat(RawHttp.get(port, "/hello/").status()).isEqualTo(418);

            RawHttp.Response info = RawHttp.get(port, "/hydrogen/api/system/info", "Authorization: Key " + KEY);
            assertThat(info.status()).isEqualTo(200);
            assertThat(JsonParser.parseString(info.body()).getAsJsonObject().get("port").getAsInt()).isEqualTo(port);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> hydrogen.context().activeConnections() == 0);
        assertThat(hydrogen.context().totalConnections()).isEqualTo(1);
    }

    @Test
    void theHostsStopSaysGoodbyeToHydrogenClients() throws Exception {
        TestClient client = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/hydrogen/ws"), KEY);
        client.next("status");
        host.stop();
        assertThat(client.awaitClose()).isEqualTo(new TestClient.Closed(1001, "server shutting down"));
        assertThat(client.messages).anyMatch(message -> message.contains("\"shutting_down\":true"));
        assertThat(hydrogen.context().state()).isEqualTo(ServerState.STOPPED);
        assertThat(hydrogen.isShutdown()).isTrue();
    }
}
