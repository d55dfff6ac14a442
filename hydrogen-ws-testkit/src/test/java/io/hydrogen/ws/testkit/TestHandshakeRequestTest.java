package io.hydrogen.ws.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestHandshakeRequestTest {

    @Test
    void defaults() {
        TestHandshakeRequest request = TestHandshakeRequest.empty();
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.headers()).isEmpty();
        assertThat(request.queryParameters()).isEmpty();
        assertThat(request.subProtocols()).isEmpty();
        assertThat(request.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(request.origin()).isEmpty();
    }

    @Test
    void headerNamesAreLowerCaseAndValuesKeepTheirOrder() {
        TestHandshakeRequest request = TestHandshakeRequest.builder()
                .header("Authorization", "Key one")
                .header("AUTHORIZATION", "Key two")
                .header("Origin", "https://example.test")
                .queryParameter("key", "q")
                .subProtocol("hydrogen-protocol")
                .remoteAddress("::1", 4000)
                .path("/ws")
                .build();
        assertThat(request.headers()).containsOnlyKeys("authorization", "origin");
        assertThat(request.headers().get("authorization")).containsExactly("Key one", "Key two");
        assertThat(request.header("authorization")).contains("Key one");
        assertThat(request.origin()).contains("https://example.test");
        assertThat(request.queryParameters()).containsEntry("key", List.of("q"));
        assertThat(request.subProtocols()).containsExactly("hydrogen-protocol");
        assertThat(request.remoteAddress().getPort()).isEqualTo(4000);
        assertThat(request.path()).isEqualTo("/ws");
    }

    @Test
    void isImmutableAndDerivable() {
        TestHandshakeRequest.Builder builder = TestHandshakeRequest.builder().header("A", "1");
        TestHandshakeRequest first = builder.build();
        builder.header("A", "2");
        assertThat(first.headers().get("a")).containsExactly("1");
        assertThatThrownBy(() -> first.headers().put("b", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.headers().get("a").add("x")).isInstanceOf(UnsupportedOperationException.class);
        TestHandshakeRequest derived = first.toBuilder().removeHeader("a").queryParameter("k", "v").build();
        assertThat(derived.headers()).isEmpty();
        assertThat(derived.queryParameters()).containsKey("k");
        assertThat(first.toBuilder().build()).isEqualTo(first).hasSameHashCodeAs(first);
    }

    @Test
    void toStringShowsNoValues() {
        TestHandshakeRequest request = TestHandshakeRequest.builder().header("Authorization", "Key secret-value-123")
                .queryParameter("key", "secret-query-456").build();
        assertThat(request.toString()).contains("authorization", "key")
                .doesNotContain("secret-value-123", "secret-query-456");
    }
}
