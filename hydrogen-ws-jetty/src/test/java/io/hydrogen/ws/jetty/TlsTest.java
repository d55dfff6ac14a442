package io.hydrogen.ws.jetty;

import static io.hydrogen.ws.jetty.ServerFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.hydrogen.ws.HydrogenWebSocketServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// from a PKCS#12 keystore, with a certificate generated for the test. */
class TlsTest {

    private static final char[] PASSWORD = "test-store-pass".toCharArray();

    @TempDir
    static Path dir;
    static Path keyStore;

    @BeforeAll
    static void generateCertificate() throws Exception {
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hydrogen", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    @Test
    void wssServesStatusToAClientThatTrustsTheCertificate() throws Exception {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .binding(b -> b.tls(keyStore, PASSWORD)))) {
            assertThat(server.uri().getScheme()).isEqualTo("wss");
            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket socket = HttpClient.newBuilder().sslContext(trusting(keyStore)).build().newWebSocketBuilder()
                    .subprotocols("hydrogen-protocol").header("Authorization", "Key " + KEY)
                    .buildAsync(server.uri(), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            first.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(JsonParser.parseString(first.get(10, TimeUnit.SECONDS)).getAsJsonObject().get("type")
                    .getAsString()).isEqualTo("status");
            socket.abort();
        }
    }

    @Test
    void plainWsIsNotServedOnATlsPort() {
        try (HydrogenWebSocketServer server = ServerFixture.started(ServerFixture.loopback()
                .binding(b -> b.tls(keyStore, PASSWORD)))) {
            String plain = server.uri().toString().replace("wss://", "ws://");
            assertThatThrownBy(() -> TestClient.connect(java.net.URI.create(plain), KEY))
                    .isInstanceOf(java.util.concurrent.CompletionException.class);
        }
    }

    @Test
    void aMissingKeyStoreIsAConfigurationError() {
        assertThatThrownBy(() -> ServerFixture.loopback()
                .binding(b -> b.tls(dir.resolve("nope.p12"), PASSWORD)).buildConfig())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable file");
        assertThat(ServerFixture.loopback().binding(b -> b.tls(keyStore, PASSWORD)).buildConfig().toString())
                .contains("password hidden").doesNotContain(new String(PASSWORD));
    }

    private static SSLContext trusting(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
