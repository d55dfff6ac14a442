package io.hydrogen.ws.jetty.internal.connection;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;

/**
 * Joins the frames of one inbound message: enforces the size limit on the bytes as they stream in
 * (over all frames, before decoding any of them) and decodes text as strict UTF-8, which may split
 * a character between frames. Used by one Jetty thread at a time (Jetty delivers a session's
 * frames in order); not thread-safe.
 */
final class MessageAssembler {

    private int maxBytes;
    private Utf8StringBuilder fragments; // a fragmented text message so far; null between messages
    private long bytes;
    private long completedBytes;
    private boolean discarding;
    private boolean inBinary;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Changes the limit, for messages that start after this call. */
    void limit(int newMaxBytes) {
        this.maxBytes = newMaxBytes;
    }

    /** @return the size in bytes of the last message {@link #appendText} completed */
    long completedBytes() {
        return completedBytes;
    }

    /** @return whether the message in progress is binary (so a continuation frame is binary too) */
    boolean inBinary() {
        return inBinary;
    }

    /**
     * Adds the payload of a text frame (or of its continuation).
     *
     * @return the whole message when {@code fin} completes it within the limit; {@code null} while
     *     it is incomplete, and for the rest of a message that went over the limit
     * @throws MessageTooLargeException the first time the message goes over the limit
     * @throws BadPayloadException if the message is not valid UTF-8 (as soon as that shows)
     */
    String appendText(ByteBuffer payload, boolean fin) throws MessageTooLargeException {
        if (discarding) {
            finishDiscarding(fin);
            return null;
        }
        int length = payload == null ? 0 : payload.remaining();
        count(length, fin);
        Utf8StringBuilder text = fragments;
        if (text == null) {
            text = new Utf8StringBuilder(length);
        }
        if (payload != null) {
            text.append(payload.slice());
        }
        if (text.hasCodingErrors()) {
            fail();
            throw new BadPayloadException.InvalidUtf8();
        }
        if (!fin) {
            fragments = text;
            return null;
        }
        fragments = null;
        completed();
        return text.takeCompleteString(BadPayloadException.InvalidUtf8::new);
    }

    /**
     * Counts the payload of a binary frame (binary messages are rejected, but only once they are
     * complete, and their size limit is enforced like text's).
     *
     * @return {@code true} when {@code fin} completes a binary message within the limit
     * @throws MessageTooLargeException the first time the message goes over the limit
     */
    boolean appendBinary(int length, boolean fin) throws MessageTooLargeException {
        if (discarding) {
            finishDiscarding(fin);
            return false;
        }
        inBinary = !fin;
        count(length, fin);
        if (fin) {
            completed();
        }
        return fin;
    }

    private void count(long length, boolean fin) throws MessageTooLargeException {
        bytes += length;
        if (bytes > maxBytes) {
            fail();
            discarding = !fin;
            throw new MessageTooLargeException(maxBytes);
        }
    }

    private void fail() {
        fragments = null;
        bytes = 0;
    }

    private void finishDiscarding(boolean fin) {
        if (fin) {
            discarding = false;
            inBinary = false;
        }
    }

    private void completed() {
        completedBytes = bytes;
        bytes = 0;
    }

    /** Thrown when a message goes over the inbound limit. */
    static final class MessageTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int maxBytes;

        MessageTooLargeException(int maxBytes) {
            super("message larger than " + maxBytes + " bytes", null, false, false);
            this.maxBytes = maxBytes;
        }

        /** @return the limit that was exceeded */
        int maxBytes() {
            return maxBytes;
        }
    }
}
