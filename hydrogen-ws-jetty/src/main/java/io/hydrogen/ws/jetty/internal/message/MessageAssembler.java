package io.hydrogen.ws.jetty.internal.message;

/**
 * Joins the fragments of one inbound message and enforces the size limit while it streams in, in
 * UTF-8 bytes over all fragments. Used by one Jetty thread at a time (Jetty delivers a session's
 * frames in order); not thread-safe.
 */
public final class MessageAssembler {

    private int maxBytes;
    private final StringBuilder pending = new StringBuilder();
    private long bytes;
    private long completedBytes;
    private boolean discarding;

    public MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Changes the limit, for messages that start after this call. */
    public void limit(int newMaxBytes) {
        this.maxBytes = newMaxBytes;
    }

    /** @return the size in UTF-8 bytes of the last message {@link #appendText} completed */
    public long completedBytes() {
        return completedBytes;
    }

    /**
     * Adds a text fragment.
     *
     * @return the whole message when {@code fin} completes it within the limit; {@code null} while
     *     it is incomplete, and for the rest of a message that went over the limit
     * @throws MessageTooLargeException the first time the message goes over the limit
     */
    public String appendText(String fragment, boolean fin) throws MessageTooLargeException {
        if (discarding) {
            finishDiscarding(fin);
            return null;
        }
        count(Utf8.encodedLength(fragment), fin);
        if (fin && pending.length() == 0) {
            reset();
            return fragment;
        }
        pending.append(fragment);
        if (!fin) {
            return null;
        }
        String message = pending.toString();
        reset();
        return message;
    }

    /**
     * Counts a binary fragment (binary messages are rejected, but only once they are complete,
     * and their size limit is enforced like text).
     *
     * @return {@code true} when {@code fin} completes a binary message within the limit
     * @throws MessageTooLargeException the first time the message goes over the limit
     */
    public boolean appendBinary(int length, boolean fin) throws MessageTooLargeException {
        if (discarding) {
            finishDiscarding(fin);
            return false;
        }
        count(length, fin);
        if (fin) {
            reset();
        }
        return fin;
    }

    private void count(long length, boolean fin) throws MessageTooLargeException {
        bytes += length;
        if (bytes > maxBytes) {
            pending.setLength(0);
            pending.trimToSize();
            bytes = 0;
            discarding = !fin;
            throw new MessageTooLargeException(maxBytes);
        }
    }

    private void finishDiscarding(boolean fin) {
        if (fin) {
            discarding = false;
        }
    }

    private void reset() {
        completedBytes = bytes;
        bytes = 0;
        if (pending.capacity() > 4 * 1024) {
            pending.setLength(0);
            pending.trimToSize();
        } else {
            pending.setLength(0);
        }
    }

    /** Thrown when a message goes over the inbound limit. */
    public static final class MessageTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private int maxBytes;

        MessageTooLargeException(int maxBytes) {
            super("message larger than " + maxBytes + " bytes", null, false, false);
            this.maxBytes = maxBytes;
        }

        /** @return the limit that was exceeded */
        public int maxBytes() {
            return maxBytes;
        }
    }
}
