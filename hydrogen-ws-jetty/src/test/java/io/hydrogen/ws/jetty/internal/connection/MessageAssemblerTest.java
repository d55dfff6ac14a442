package io.hydrogen.ws.jetty.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.junit.jupiter.api.Test;

/** Inbound frames to messages: limits on the bytes, strict UTF-8 across frame boundaries. */
class MessageAssemblerTest {

    private static ByteBuffer bytes(byte[] all, int from, int to) {
        return ByteBuffer.wrap(Arrays.copyOfRange(all, from, to));
    }

    @Test
    void aSingleFrameIsAMessage() throws Exception {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThat(assembler.appendText(ByteBuffer.wrap("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)), true))
                .isEqualTo("{\"type\":\"ping\"}");
        assertThat(assembler.completedBytes()).isEqualTo(15);
    }

    @Test
    void aCharacterSplitBetweenFramesIsJoined() throws Exception {
        byte[] utf8 = "°C→🔥".getBytes(StandardCharsets.UTF_8); // 2, 1, 3 and 4 bytes
        MessageAssembler assembler = new MessageAssembler(100);
        // Cut inside every multi-byte character.
        assertThat(assembler.appendText(bytes(utf8, 0, 1), false)).isNull();
        assertThat(assembler.appendText(bytes(utf8, 1, 4), false)).isNull();
        assertThat(assembler.appendText(bytes(utf8, 4, 8), false)).isNull();
        assertThat(assembler.appendText(bytes(utf8, 8, utf8.length), true)).isEqualTo("°C→🔥");
        assertThat(assembler.completedBytes()).isEqualTo(utf8.length);
    }

    @Test
    void invalidUtf8FailsAsSoonAsItShows() {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThatThrownBy(() -> assembler.appendText(ByteBuffer.wrap(new byte[] {'{', (byte) 0xC3, 0x28}), false))
                .isInstanceOf(BadPayloadException.class);
    }

    @Test
    void aMessageEndingInsideACharacterIsInvalid() {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThatThrownBy(() -> assembler.appendText(ByteBuffer.wrap(new byte[] {'a', (byte) 0xE2, (byte) 0x86}), true))
                .isInstanceOf(BadPayloadException.class);
    }

    @Test
    void theLimitCountsEveryFrameOfAMessageAndTheRestIsDiscarded() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assertThat(assembler.appendText(ByteBuffer.wrap(new byte[6]), false)).isNull();
        assertThatThrownBy(() -> assembler.appendText(ByteBuffer.wrap(new byte[5]), false))
                .isInstanceOfSatisfying(MessageAssembler.MessageTooLargeException.class,
                        e -> assertThat(e.maxBytes()).isEqualTo(10));
        assertThat(assembler.appendText(ByteBuffer.wrap(new byte[50]), true)).isNull(); // discarded
        assertThat(assembler.appendText(ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), true)).isEqualTo("ok");
    }

    @Test
    void aNewLimitAppliesToTheNextMessage() throws Exception {
        MessageAssembler assembler = new MessageAssembler(4);
        assembler.limit(8);
        assertThat(assembler.appendText(ByteBuffer.wrap("12345678".getBytes(StandardCharsets.UTF_8)), true))
                .isEqualTo("12345678");
    }

    @Test
    void binaryContinuationsAreCountedAsBinary() throws Exception {
        MessageAssembler assembler = new MessageAssembler(10);
        assertThat(assembler.appendBinary(4, false)).isFalse();
        assertThat(assembler.inBinary()).isTrue();
        assertThat(assembler.appendBinary(4, true)).isTrue();
        assertThat(assembler.inBinary()).isFalse();
        assertThat(assembler.appendBinary(6, false)).isFalse();
        assertThatThrownBy(() -> assembler.appendBinary(6, false))
                .isInstanceOf(MessageAssembler.MessageTooLargeException.class);
        assertThat(assembler.inBinary()).isTrue(); // its continuations are still binary, and discarded
        assertThat(assembler.appendBinary(100, true)).isFalse();
        assertThat(assembler.inBinary()).isFalse();
    }
}
