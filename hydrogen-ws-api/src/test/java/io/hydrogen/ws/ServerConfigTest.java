package io.hydrogen.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration defaults and validation: bad options fail at build time with a message that says what to fix. */
class ServerConfigTest {

    private static HydrogenWebSocketServerBuilder valid() {
        return HydrogenWebSocketServer.builder().apiKey("a-long-enough-key-123");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerConfig config = valid().buildConfig();
        assertThat(config.binding().host()).isEqualTo("0.0.0.0");
        assertThat(config.binding().port()).isEqualTo(5001);
        assertThat(config.binding().portRangeEnd()).isEqualTo(5010);
        assertThat(config.endpoint().path()).isEqualTo("/");
        assertThat(config.endpoint().protocol()).isEqualTo("hydrogen-protocol");
        assertThat(config.auth().inBandAuth()).isTrue();
        assertThat(config.auth().authTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.endpoint().statusInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.limits().maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(config.exitWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.queues().maxQueuedMessages()).isEqualTo(256);
        assertThat(config.queues().maxQueuedBytes()).isEqualTo(1024 * 1024);
        assertThat(config.queues().maxQueueDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.endpoint().permessageDeflate()).isFalse();
    }

    @Test
    void ipv6DefaultsToTheDualStackWildcard() {
        assertThat(valid().binding(b -> b.ipv6(true)).buildConfig().binding().host()).isEqualTo("::");
    }

    @Test
    void ipv6HostNeedsIpv6Enabled() {
        assertThatThrownBy(() -> valid().binding(b -> b.host("::1")).buildConfig())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ipv6(true)");
        assertThat(valid().binding(b -> b.ipv6(true).host("[::1]")).buildConfig().binding().host()).isEqualTo("::1");
    }

    @Test
    void portZeroIgnoresTheRange() {
        ServerConfig config = valid().port(0).buildConfig();
        assertThat(config.binding().port()).isZero();
        assertThat(config.binding().portRangeEnd()).isZero();
    }

    @Test
    void portAboveTheDefaultRangeTriesOnlyItself() {
        assertThat(valid().port(8080).buildConfig().binding().portRangeEnd()).isEqualTo(8080);
    }

    @Test
    void aKeyIsRequired() {
        assertThatThrownBy(() -> HydrogenWebSocketServer.builder().buildConfig())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("at least one apiKey is required (or an authenticator)");
    }

    @Test
    void keysMustBePrintableAsciiAndAreNeverEchoed() {
        assertThatThrownBy(() -> valid().apiKey("").buildConfig()).hasMessage("apiKey #2 is empty");
        assertThatThrownBy(() -> valid().apiKey("secret value").buildConfig())
                .hasMessageContaining("apiKey #2").hasMessageContaining("character 7")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> valid().apiKey("s\u00e9cret").buildConfig()).hasMessageContaining("printable ASCII");
    }

    @Test
    void shortKeysAreAccepted() {
        assertThat(HydrogenWebSocketServer.builder().apiKey("abc").buildConfig().auth().apiKeys()).containsExactly("abc");
    }

    @Test
    void toStringHidesTheKeys() {
        ServerConfig config = valid().auth(a -> a.apiKeys(List.of("another-secret-key-1"))).buildConfig();
        assertThat(config.toString()).doesNotContain("a-long-enough-key-123").doesNotContain("another-secret-key-1")
                .contains("apiKeys=2 (hidden)");
    }

    @Test
    void invalidOptionsNameTheOption() {
        assertThatThrownBy(() -> valid().port(70000).buildConfig()).hasMessageContaining("port must be between");
        assertThatThrownBy(() -> valid().binding(b -> b.port(5005).portRangeEnd(5004)).buildConfig())
                .hasMessageContaining("portRangeEnd");
        assertThatThrownBy(() -> valid().endpoint(e -> e.path("ws")).buildConfig()).hasMessageContaining("path must start with '/'");
        assertThatThrownBy(() -> valid().endpoint(e -> e.path("/ws/*")).buildConfig()).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> valid().endpoint(e -> e.path("/api/system/info")).buildConfig()).hasMessageContaining("system info");
        assertThatThrownBy(() -> valid().endpoint(e -> e.protocol("my protocol")).buildConfig()).hasMessageContaining("HTTP token");
        assertThatThrownBy(() -> valid().endpoint(e -> e.protocol("")).buildConfig()).hasMessageContaining("protocol");
        assertThatThrownBy(() -> valid().auth(a -> a.authTimeout(Duration.ZERO)).buildConfig()).hasMessageContaining("authTimeout");
        assertThatThrownBy(() -> valid().statusInterval(Duration.ofMillis(-1)).buildConfig())
                .hasMessageContaining("statusInterval");
        assertThatThrownBy(() -> valid().statusInterval(Duration.ofNanos(10)).buildConfig())
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> valid().limits(l -> l.maxMessageBytes(0)).buildConfig()).hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> valid().exitWait(null).buildConfig()).hasMessageContaining("exitWait");
        assertThatThrownBy(() -> valid().liveness(l -> l.idleTimeout(Duration.ZERO)).buildConfig()).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> valid().binding(b -> b.host(" ")).buildConfig()).hasMessageContaining("host");
        assertThatThrownBy(() -> valid().queues(q -> q.maxQueuedMessages(0)).buildConfig()).hasMessageContaining("maxQueuedMessages");
        assertThatThrownBy(() -> valid().queues(q -> q.maxQueuedBytes(100)).buildConfig()).hasMessageContaining("maxQueuedBytes");
        assertThatThrownBy(() -> valid().queues(q -> q.maxQueueDelay(Duration.ZERO)).buildConfig()).hasMessageContaining("maxQueueDelay");
        assertThatThrownBy(() -> valid().exitWait(java.time.temporal.ChronoUnit.FOREVER.getDuration()).buildConfig())
                .hasMessageContaining("exitWait must be at most PT24H");
        assertThatThrownBy(() -> valid().statusInterval(Duration.ofDays(2)).buildConfig())
                .hasMessageContaining("statusInterval must be at most");
    }

    @Test
    void statusIntervalZeroTurnsThePushOff() {
        assertThat(valid().statusInterval(Duration.ZERO).buildConfig().endpoint().statusInterval()).isZero();
    }

    @Test
    void withoutAnImplementationBuildSaysWhichDependencyToAdd() {
        // This module's test class path has no implementation on purpose.
        assertThatThrownBy(() -> valid().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.hydrogen:hydrogen-ws-jetty");
    }
}
