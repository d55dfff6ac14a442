package io.hydrogen.ws.benchmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonReaderClientTest {

    @Test
    void readsTheStatusCodeOfAStatusLine() {
        assertThat(NonReaderClient.statusCode("HTTP/1.1 101 Switching Protocols")).isEqualTo(101);
        assertThat(NonReaderClient.statusCode("HTTP/1.1 401 Unauthorized")).isEqualTo(401);
        assertThat(NonReaderClient.statusCode("SSH-2.0-OpenSSH")).isZero();
    }
}
