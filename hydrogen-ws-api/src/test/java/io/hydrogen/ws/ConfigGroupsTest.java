package io.hydrogen.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hydrogen.ws.spi.AuthDecision;
import io.hydrogen.ws.spi.Authenticator;
import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.StatusProvider;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration groups: names that match between builder and config, a lossless
 * {@link ServerConfig#toBuilder()}, and each group's validation.
 */
class ConfigGroupsTest {

    private static final String KEY = "a-long-enough-key-123";
    private static final char[] PASSWORD = "keystore-secret".toCharArray();

    @TempDir
    Path dir;

    private static HydrogenWebSocketServerBuilder valid() {
        return HydrogenWebSocketServer.builder().apiKey(KEY);
    }

    private static final StatusProvider PRINTER = new StatusProvider() {
        @Override
        public String section() {
            return "printer";
        }

        @Override
        public Object status() {
            return "idle";
        }
    };
    private static final Authenticator TOKENS = request -> AuthDecision.abstain();
    private static final MessageHandler HOME = request -> "homed";
    private static final HydrogenEventListener AUDIT = new HydrogenEventListener() { };

    /** Every option set to something other than its default. */
    private HydrogenWebSocketServerBuilder everyOptionSet() throws IOException {
        Path keyStore = Files.writeString(dir.resolve("server.p12"), "not parsed by the config");
        return HydrogenWebSocketServer.builder()
                .binding(b -> b.host("::1").ipv6(true).port(6001).portRangeEnd(6003).tls(keyStore, PASSWORD)
                        .handshakeTimeout(Duration.ofSeconds(4)))
                .endpoint(e -> e.path("/ws").protocol("my-protocol").permessageDeflate(true)
                        .statusInterval(Duration.ofMillis(250)).statusProvider(PRINTER).statusProviderDiscovery(false)
                        .statusProviderBudget(Duration.ofMillis(30)).messageHandler("printer.home", HOME))
                .auth(a -> a.apiKey(KEY).apiKeys(List.of("second-key-456789")).authenticator(TOKENS)
                        .inBandAuth(false).authTimeout(Duration.ofSeconds(2)).queryKeyAuth(true)
                        .authFailureLimit(5, Duration.ofSeconds(30)).allowedOrigin("HTTPS://Dashboard.example")
                        .trustedProxy("127.0.0.1"))
                .limits(l -> l.maxMessageBytes(1000).maxMessagesPerSecond(7).maxConnections(50)
                        .maxPendingConnections(5).maxConnectionsPerAddress(3))
                .queues(q -> q.maxQueuedMessages(8).maxQueuedBytes(4096).maxQueueDelay(Duration.ofSeconds(2)))
                .liveness(l -> l.pingInterval(Duration.ofSeconds(3)).pongTimeout(Duration.ofSeconds(9))
                        .idleTimeout(Duration.ofMinutes(1)))
                .exitWait(Duration.ofSeconds(1))
                .eventListener(AUDIT);
    }

    @Test
    void everyOptionIsReadBackUnderTheNameItWasSetWith() throws IOException {
        ServerConfig config = everyOptionSet().buildConfig();

        BindingConfig binding = config.binding();
        assertThat(binding.host()).isEqualTo("::1");
        assertThat(binding.ipv6()).isTrue();
        assertThat(binding.port()).isEqualTo(6001);
        assertThat(binding.portRangeEnd()).isEqualTo(6003);
        assertThat(binding.tls()).hasValueSatisfying(tls -> {
            assertThat(tls.keyStore()).isEqualTo(dir.resolve("server.p12"));
            assertThat(tls.password()).isEqualTo(PASSWORD);
        });
        assertThat(binding.handshakeTimeout()).isEqualTo(Duration.ofSeconds(4));

        EndpointConfig endpoint = config.endpoint();
        assertThat(endpoint.path()).isEqualTo("/ws");
        assertThat(endpoint.protocol()).isEqualTo("my-protocol");
        assertThat(endpoint.permessageDeflate()).isTrue();
        assertThat(endpoint.statusInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(endpoint.statusProviders()).containsExactly(PRINTER);
        assertThat(endpoint.statusProviderDiscovery()).isFalse();
        assertThat(endpoint.statusProviderBudget()).isEqualTo(Duration.ofMillis(30));
        assertThat(endpoint.messageHandlers()).containsOnlyKeys("printer.home").containsValue(HOME);

        AuthConfig auth = config.auth();
        assertThat(auth.apiKeys()).containsExactly(KEY, "second-key-456789");
        assertThat(auth.authenticators()).containsExactly(TOKENS);
        assertThat(auth.inBandAuth()).isFalse();
        assertThat(auth.authTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(auth.queryKeyAuth()).isTrue();
        assertThat(auth.authFailureLimit()).isEqualTo(new AuthConfig.FailureLimit(5, Duration.ofSeconds(30)));
        assertThat(auth.authFailureLimit().maxFailures()).isEqualTo(5);
        assertThat(auth.authFailureLimit().window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(auth.allowedOrigins()).containsExactly("https://dashboard.example");
        assertThat(auth.trustedProxies()).containsExactly("127.0.0.1");

        LimitsConfig limits = config.limits();
        assertThat(limits.maxMessageBytes()).isEqualTo(1000);
        assertThat(limits.maxMessagesPerSecond()).isEqualTo(7);
        assertThat(limits.maxConnections()).isEqualTo(50);
        assertThat(limits.maxPendingConnections()).isEqualTo(5);
        assertThat(limits.maxConnectionsPerAddress()).isEqualTo(3);

        QueueConfig queues = config.queues();
        assertThat(queues.maxQueuedMessages()).isEqualTo(8);
        assertThat(queues.maxQueuedBytes()).isEqualTo(4096);
        assertThat(queues.maxQueueDelay()).isEqualTo(Duration.ofSeconds(2));

        LivenessConfig liveness = config.liveness();
        assertThat(liveness.pingInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(liveness.pongTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(liveness.idleTimeout()).isEqualTo(Duration.ofMinutes(1));

        assertThat(config.exitWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.eventListeners()).containsExactly(AUDIT);
    }

    @Test
    void theRemainingDefaultsAreTheDocumentedOnes() {
        ServerConfig config = valid().buildConfig();
        assertThat(config.binding().ipv6()).isFalse();
        assertThat(config.binding().tls()).isEmpty();
        assertThat(config.binding().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.endpoint().statusProviders()).isEmpty();
        assertThat(config.endpoint().statusProviderDiscovery()).isTrue();
        assertThat(config.endpoint().statusProviderBudget()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.endpoint().messageHandlers()).isEmpty();
        assertThat(config.auth().authenticators()).isEmpty();
        assertThat(config.auth().queryKeyAuth()).isFalse();
        assertThat(config.auth().authFailureLimit()).isEqualTo(new AuthConfig.FailureLimit(20, Duration.ofMinutes(1)));
        assertThat(config.auth().allowedOrigins()).isEmpty();
        assertThat(config.auth().trustedProxies()).isEmpty();
        assertThat(config.limits().maxMessagesPerSecond()).isEqualTo(100);
        assertThat(config.limits().maxConnections()).isEqualTo(16_384);
        assertThat(config.limits().maxPendingConnections()).isEqualTo(256);
        assertThat(config.limits().maxConnectionsPerAddress()).isEqualTo(1024);
        assertThat(config.liveness().pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.liveness().pongTimeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(config.liveness().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.eventListeners()).isEmpty();
    }

    @Test
    void toBuilderRoundTripsEveryOption() throws IOException {
        ServerConfig config = everyOptionSet().buildConfig();
        ServerConfig copy = config.toBuilder().buildConfig();

        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.auth().apiKeys()).isEqualTo(config.auth().apiKeys());
        assertThat(copy.binding().tls().orElseThrow().password()).isEqualTo(PASSWORD);
        assertThat(copy.binding().tls().orElseThrow().keyStore()).isEqualTo(config.binding().tls().orElseThrow().keyStore());
        assertThat(copy.endpoint().statusProviders()).isEqualTo(config.endpoint().statusProviders());
        assertThat(copy.endpoint().messageHandlers()).isEqualTo(config.endpoint().messageHandlers());
        assertThat(copy.auth().authenticators()).isEqualTo(config.auth().authenticators());
        assertThat(copy.eventListeners()).isEqualTo(config.eventListeners());
    }

    @Test
    void aDerivedBuilderNeverChangesTheConfigItCameFrom() {
        ServerConfig config = valid().endpoint(e -> e.statusProvider(PRINTER)).buildConfig();
        String before = config.toString();

        HydrogenWebSocketServerBuilder derived = config.toBuilder()
                .port(7001)
                .auth(a -> a.apiKey("another-key-7890123").allowedOrigin("https://other.example"))
                .endpoint(e -> e.messageHandler("printer.home", HOME))
                .eventListener(AUDIT);
        ServerConfig variant = derived.buildConfig();

        assertThat(config.toString()).isEqualTo(before);
        assertThat(config.auth().apiKeys()).containsExactly(KEY);
        assertThat(config.endpoint().messageHandlers()).isEmpty();
        assertThat(config.eventListeners()).isEmpty();
        assertThat(variant.binding().port()).isEqualTo(7001);
        assertThat(variant.auth().apiKeys()).containsExactly(KEY, "another-key-7890123");
        assertThat(variant.endpoint().statusProviders()).containsExactly(PRINTER);
        // The same handler type may be registered again on a fresh derivation, not twice on one.
        assertThat(config.toBuilder().endpoint(e -> e.messageHandler("printer.home", HOME)).buildConfig()
                .endpoint().messageHandlers()).containsOnlyKeys("printer.home");
        assertThatThrownBy(() -> derived.endpoint(e -> e.messageHandler("printer.home", HOME)))
                .hasMessageContaining("already has a handler");
    }

    @Test
    void aBuilderKeepsNoHoldOnTheConfigsItBuilt() {
        HydrogenWebSocketServerBuilder builder = valid();
        ServerConfig first = builder.buildConfig();
        builder.auth(a -> a.apiKey("later-key-12345678").trustedProxy("10.0.0.1")).limits(l -> l.maxConnections(9));
        assertThat(first.auth().apiKeys()).containsExactly(KEY);
        assertThat(first.auth().trustedProxies()).isEmpty();
        assertThat(first.limits().maxConnections()).isEqualTo(16_384);
    }

    @Test
    void unsetDerivedDefaultsKeepFollowingTheirOptionInADerivedBuilder() {
        ServerConfig config = valid().port(6000).buildConfig();
        assertThat(config.binding().portRangeEnd()).isEqualTo(6000);
        assertThat(config.toBuilder().port(7000).buildConfig().binding().portRangeEnd()).isEqualTo(7000);
        assertThat(config.toBuilder().port(5003).buildConfig().binding().portRangeEnd()).isEqualTo(5010);
        assertThat(config.toBuilder().binding(b -> b.ipv6(true)).buildConfig().binding().host()).isEqualTo("::");
        assertThat(config.toBuilder().liveness(l -> l.pingInterval(Duration.ofSeconds(5))).buildConfig()
                .liveness().pongTimeout()).isEqualTo(Duration.ofSeconds(10));

        ServerConfig explicit = valid().binding(b -> b.port(6000).portRangeEnd(6005))
                .liveness(l -> l.pongTimeout(Duration.ofMinutes(1))).buildConfig();
        assertThat(explicit.toBuilder().port(6002).buildConfig().binding().portRangeEnd()).isEqualTo(6005);
        assertThat(explicit.toBuilder().liveness(l -> l.pingInterval(Duration.ofSeconds(5))).buildConfig()
                .liveness().pongTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theShortcutsSetTheGroupedOptions() {
        ServerConfig config = HydrogenWebSocketServer.builder().port(5005).apiKey(KEY)
                .statusInterval(Duration.ofSeconds(2)).buildConfig();
        assertThat(config.binding().port()).isEqualTo(5005);
        assertThat(config.auth().apiKeys()).containsExactly(KEY);
        assertThat(config.endpoint().statusInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everySetterHasAGetterOfTheSameName() {
        for (Class<?> group : List.of(BindingConfig.class, EndpointConfig.class, AuthConfig.class,
                LimitsConfig.class, QueueConfig.class, LivenessConfig.class, TopicsConfig.class)) {
            Class<?> builder = Arrays.stream(group.getClasses()).filter(c -> c.getSimpleName().equals("Builder"))
                    .findFirst().orElseThrow();
            assertThat(getterNames(group)).as(group.getSimpleName())
                    .isEqualTo(readableAs(publicMethodNames(builder)));
        }
        Set<String> topLevel = publicMethodNames(HydrogenWebSocketServerBuilder.class);
        // building, and the three shortcuts into groups (checked by theShortcutsSetTheGroupedOptions)
        topLevel.removeAll(Set.of("build", "buildConfig", "port", "apiKey", "statusInterval"));
        Set<String> getters = getterNames(ServerConfig.class);
        getters.remove("toBuilder");
        assertThat(getters).isEqualTo(readableAs(topLevel));
    }

    /** The adders of one item, read back as the list they add to. */
    private static final Map<String, String> LIST_OF_ADDER = Map.of("apiKey", "apiKeys", "authenticator",
            "authenticators", "allowedOrigin", "allowedOrigins", "trustedProxy", "trustedProxies", "statusProvider",
            "statusProviders", "messageHandler", "messageHandlers", "eventListener", "eventListeners", "command", "commands",
            "stateTopic", "topics", "eventTopic", "topics");

    /** Adders whose items are also read back a second way: a key's scope. */
    private static final Map<String, String> ALSO_READABLE_AS = Map.of("apiKey", "apiKeyScopes");

    /** @return the names that the setters are read back as */
    private static Set<String> readableAs(Set<String> setters) {
        Set<String> names = setters.stream().map(s -> LIST_OF_ADDER.getOrDefault(s, s))
                .collect(Collectors.toCollection(TreeSet::new));
        setters.stream().map(ALSO_READABLE_AS::get).filter(java.util.Objects::nonNull).forEach(names::add);
        return names;
    }

    private static Set<String> publicMethodNames(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> getterNames(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0 && !m.getName().equals("toString"))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void toStringHidesTheKeysAndTheTlsPasswordAndShowsEveryGroup() throws IOException {
        String text = everyOptionSet().buildConfig().toString();
        assertThat(text).doesNotContain(KEY).doesNotContain("second-key-456789").doesNotContain(new String(PASSWORD))
                .contains("apiKeys=2 (hidden)", "password hidden", "binding[", "endpoint[", "auth[", "limits[",
                        "queues[", "liveness[", "authFailureLimit=5/PT30S", "exitWait=PT1S");
    }

    @Test
    void bindingValidation() {
        assertThatThrownBy(() -> valid().port(-1).buildConfig()).hasMessage("port must be between 0 and 65535, was -1");
        assertThatThrownBy(() -> valid().binding(b -> b.port(5005).portRangeEnd(70000)).buildConfig())
                .hasMessage("portRangeEnd must be between port (5005) and 65535, was 70000");
        assertThatThrownBy(() -> valid().binding(b -> b.host("")).buildConfig())
                .hasMessage("host must not be blank; use null for all interfaces");
        assertThatThrownBy(() -> valid().binding(b -> b.handshakeTimeout(Duration.ZERO)).buildConfig())
                .hasMessage("handshakeTimeout must be positive, was PT0S");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> valid().binding(b -> b.tls(missing, PASSWORD)).buildConfig())
                .hasMessage("tls keyStore " + missing + " is not a readable file");
        assertThatThrownBy(() -> valid().binding(b -> b.tls(null, PASSWORD))).hasMessageContaining("keyStore");
        // With port 0 the range end is not used, so it is not checked either.
        assertThat(valid().binding(b -> b.port(0).portRangeEnd(1)).buildConfig().binding().portRangeEnd()).isZero();
    }

    @Test
    void endpointValidation() {
        assertThatThrownBy(() -> valid().endpoint(e -> e.path(null)).buildConfig())
                .hasMessage("path must start with '/', was null");
        assertThatThrownBy(() -> valid().endpoint(e -> e.path("/a b")).buildConfig())
                .hasMessageContaining("without wildcards, query, fragment or spaces, was '/a b'");
        assertThatThrownBy(() -> valid().endpoint(e -> e.statusProviderBudget(Duration.ofMillis(-1))).buildConfig())
                .hasMessage("statusProviderBudget must be positive, was PT-0.001S");
        assertThatThrownBy(() -> valid().endpoint(e -> e.statusProvider(PRINTER).statusProvider(PRINTER))
                .buildConfig()).hasMessage("two status providers use the section name 'printer'");
        assertThatThrownBy(() -> valid().endpoint(e -> e.messageHandler("status", HOME)))
                .hasMessageContaining("built in");
        assertThatThrownBy(() -> valid().endpoint(e -> e.messageHandler("a", HOME).messageHandler("a", HOME)))
                .hasMessage("message type 'a' already has a handler");
    }

    @Test
    void authValidation() {
        assertThat(HydrogenWebSocketServer.builder().auth(a -> a.authenticator(TOKENS)).buildConfig().auth().apiKeys())
                .isEmpty();
        assertThatThrownBy(() -> valid().auth(a -> a.authTimeout(null)).buildConfig())
                .hasMessage("authTimeout must be positive, was null");
        assertThatThrownBy(() -> valid().auth(a -> a.authFailureLimit(0, Duration.ofMinutes(1))))
                .hasMessage("authFailureLimit maxFailures must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> valid().auth(a -> a.authFailureLimit(5, Duration.ZERO)))
                .hasMessage("authFailureLimit window must be positive, was PT0S");
        assertThatThrownBy(() -> valid().auth(a -> a.allowedOrigin("https://dashboard.example/")).buildConfig())
                .hasMessage("allowedOrigin must be scheme://host[:port] without a path, was 'https://dashboard.example/'");
        assertThatThrownBy(() -> valid().auth(a -> a.trustedProxy("proxy.local")).buildConfig())
                .hasMessage("trustedProxy must be an IP address literal, was 'proxy.local'");
        assertThatThrownBy(() -> valid().auth(a -> a.apiKeys(null))).hasMessageContaining("keys");
    }

    @Test
    void limitsValidation() {
        assertThatThrownBy(() -> valid().limits(l -> l.maxMessageBytes(64 * 1024 * 1024 + 1)).buildConfig())
                .hasMessage("maxMessageBytes must be between 1 and 67108864, was 67108865");
        assertThatThrownBy(() -> valid().limits(l -> l.maxMessagesPerSecond(0)).buildConfig())
                .hasMessage("maxMessagesPerSecond must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> valid().limits(l -> l.maxConnections(0)).buildConfig())
                .hasMessage("maxConnections must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> valid().limits(l -> l.maxPendingConnections(-3)).buildConfig())
                .hasMessage("maxPendingConnections must be between 1 and 1000000, was -3");
        assertThatThrownBy(() -> valid().limits(l -> l.maxConnectionsPerAddress(0)).buildConfig())
                .hasMessage("maxConnectionsPerAddress must be between 1 and 1000000, was 0");
    }

    @Test
    void queuesValidation() {
        assertThatThrownBy(() -> valid().queues(q -> q.maxQueuedMessages(65537)).buildConfig())
                .hasMessage("maxQueuedMessages must be between 1 and 65536, was 65537");
        assertThatThrownBy(() -> valid().queues(q -> q.maxQueuedBytes((1L << 30) + 1)).buildConfig())
                .hasMessage("maxQueuedBytes must be between 1024 and 1073741824, was 1073741825");
        assertThatThrownBy(() -> valid().queues(q -> q.maxQueueDelay(Duration.ofDays(2))).buildConfig())
                .hasMessage("maxQueueDelay must be at most PT24H, was PT48H");
    }

    @Test
    void livenessValidation() {
        assertThatThrownBy(() -> valid().liveness(l -> l.pingInterval(Duration.ofMillis(5))).buildConfig())
                .hasMessage("pingInterval must be zero (off) or at least 10 ms, was PT0.005S");
        assertThatThrownBy(() -> valid().liveness(l -> l.pingInterval(Duration.ofSeconds(10))
                .pongTimeout(Duration.ofSeconds(10))).buildConfig())
                .hasMessage("pongTimeout (PT10S) must be longer than pingInterval (PT10S)");
        assertThatThrownBy(() -> valid().liveness(l -> l.pongTimeout(Duration.ZERO)).buildConfig())
                .hasMessage("pongTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> valid().liveness(l -> l.idleTimeout(null)).buildConfig())
                .hasMessage("idleTimeout must be positive, was null");
        ServerConfig noPings = valid().liveness(l -> l.pingInterval(Duration.ZERO)).buildConfig();
        assertThat(noPings.liveness().pingInterval()).isZero();
        assertThat(noPings.liveness().pongTimeout()).isZero();
    }

    @Test
    void serverWideValidation() {
        assertThatThrownBy(() -> valid().exitWait(Duration.ofSeconds(-1)).buildConfig())
                .hasMessage("exitWait must be zero or positive, was PT-1S");
        assertThat(valid().exitWait(Duration.ZERO).buildConfig().exitWait()).isZero();
        assertThatThrownBy(() -> valid().eventListener(null)).hasMessageContaining("listener");
    }

    @Test
    void theGroupsListsCannotBeChangedThroughTheConfig() {
        ServerConfig config = valid().auth(a -> a.trustedProxy("127.0.0.1")).buildConfig();
        assertThatThrownBy(() -> config.auth().apiKeys().add("sneaky-key-1234567"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.auth().trustedProxies().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.endpoint().messageHandlers().put("x", HOME))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.eventListeners().add(AUDIT)).isInstanceOf(UnsupportedOperationException.class);
    }
}
