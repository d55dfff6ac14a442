package io.hydrogen.ws.jetty.internal.message;

/** UTF-8 arithmetic without encoding. */
final class Utf8 {

    private Utf8() {
    }

    /** @return the number of bytes {@code text} takes in UTF-8 */
    static long encodedLength(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes: 2 per half
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
