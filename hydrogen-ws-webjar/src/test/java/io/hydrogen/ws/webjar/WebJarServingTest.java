package io.hydrogen.ws.webjar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Jetty host serves the WebJar from the class path exactly as docs/javascript-client.md shows
 * (the page quotes the region between the {@code tag::serve} markers; a test keeps them equal).
 */
class WebJarServingTest {

    private static final String VERSION_DIR = System.getProperty("hydrogen.webjar.path");
    private static final Path DOC = Path.of("..", "docs", "javascript-client.md");

    private final Server server = new Server();

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aJettyResourceHandlerServesTheClientFromTheClassPath() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);

        // tag::serve[]
        // Serves META-INF/resources/webjars/hydrogen-ws-client/** of the class path (the WebJar)
        // at /webjars/hydrogen-ws-client/**.
        ResourceHandler webjar = new ResourceHandler();
        webjar.setBaseResource(ResourceFactory.of(server)
                .newClassLoaderResource("META-INF/resources/webjars/hydrogen-ws-client/"));
        webjar.setDirAllowed(false);
        server.setHandler(new ContextHandler(webjar, "/webjars/hydrogen-ws-client"));
        // end::serve[]
        server.start();

        String version = VERSION_DIR.substring(VERSION_DIR.lastIndexOf('/') + 1);
        String base = "http://127.0.0.1:" + connector.getLocalPort() + "/webjars/hydrogen-ws-client/" + version + "/";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(base + "hydrogen-client.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        assertThat(js.body()).contains("export class HydrogenClient");
        HttpResponse<String> types = http.send(HttpRequest.newBuilder(URI.create(base + "hydrogen-client.d.ts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.body()).contains("export declare class HydrogenClient");
        HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as("no directory listings").isNotEqualTo(200);
    }

    @Test
    void theDocsQuoteThisTest() throws IOException {
        Matcher doc = Pattern.compile("<!-- webjar-snippet: serve -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertThat(doc.find()).as("docs/javascript-client.md has the serve snippet").isTrue();
        List<String> lines = Files.readAllLines(
                Path.of("src", "test", "java", "io", "hydrogen", "ws", "webjar", "WebJarServingTest.java"));
        int start = lines.indexOf("        // tag::serve[]");
        int end = lines.indexOf("        // end::serve[]");
        String region = String.join("\n", lines.subList(start + 1, end).stream()
                .map(line -> line.isBlank() ? "" : line.substring(8)).toList());
        assertThat(doc.group(1)).isEqualTo(region);
    }
}
