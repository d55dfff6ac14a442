package io.hydrogen.ws.examples;

// tag::imports[]
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.ServerConfig;
import io.hydrogen.ws.jetty.HydrogenContextHandler;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
// end::imports[]
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The sample of docs/embedding.md: Hydrogen inside a host application that already runs Jetty. */
public final class EmbeddingSample {

    private EmbeddingSample() {
    }

    /** A servlet of the host application. */
    public static final class JobsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().print("{\"jobs\":[]}");
        }
    }

    /**
     * Builds the host's server: its servlet application at {@code /app}, Hydrogen at
     * {@code /hydrogen/ws}, one port for both.
     *
     * @param port the host's port (0 for an ephemeral one)
     * @param key the API key
     * @return the host's server, not started
     */
    public static Server hostServer(int port, String key) {
        // tag::embedding[]
        Server server = new Server(port);
        server.setStopTimeout(5_000); // Jetty's graceful phase carries Hydrogen's goodbye (last status, 1001)

        ServletContextHandler app = new ServletContextHandler("/app");
        app.addServlet(JobsServlet.class, "/jobs");

        ServerConfig config = HydrogenWebSocketServer.builder()
                .apiKey(key)
                .endpoint(e -> e.path("/ws"))             // relative to the context: /hydrogen/ws
                .statusInterval(Duration.ofSeconds(1))
                .buildConfig();
        HydrogenContextHandler hydrogen = new HydrogenContextHandler("/hydrogen", config);

        server.setHandler(new ContextHandlerCollection(app, hydrogen));
        // end::embedding[]
        return server;
    }

    /** Runs the sample until the JVM stops. */
    public static void main(String[] args) throws Exception {
        Server server = hostServer(8080, System.getenv("HYDROGEN_WS_KEY"));
        server.start();
        server.join();
    }
}
