package io.hydrogen.ws;

/**
 * The base of the configuration groups' builders. A group keeps a snapshot of its builder as its
 * values (private, never changed again), so each option is declared once as a builder field and
 * read once by a getter; a derived builder is another snapshot.
 *
 * @param <B> the builder type
 */
abstract class GroupBuilder<B extends GroupBuilder<B>> implements Cloneable {

    /**
     * Copies the builder. Groups with collections override this to copy them too, so that a
     * snapshot never shares a mutable collection with the builder it came from.
     *
     * @return a copy of this builder
     */
    @SuppressWarnings("unchecked")
    B snapshot() {
        try {
            return (B) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("builders are Cloneable", e);
        }
    }
}
