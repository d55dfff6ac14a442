package io.hydrogen.ws.benchmark.client;

/**
 * How the reader thread has read so far: select rounds, {@code read()} calls and the frames they
 * returned, so a run can report frames per read (several per read is what a paced reader is for;
 * see {@link ReadPacing}). The reader adds once per round, not once per read. Thread-safe.
 */
public final class ReadTally {

    /**
     * Counts at one moment.
     *
     * @param rounds select rounds that found at least one connection readable
     * @param reads {@code read()} calls
     * @param frames complete frames those reads delivered (text, ping, close, ...)
     */
    public record Snapshot(long rounds, long reads, long frames) {

        /** @return what was counted between {@code earlier} and this */
        public Snapshot since(Snapshot earlier) {
            return new Snapshot(rounds - earlier.rounds, reads - earlier.reads, frames - earlier.frames);
        }

        /** @return frames per {@code read()}, or NaN without reads */
        public double framesPerRead() {
            return reads == 0 ? Double.NaN : (double) frames / reads;
        }

        /** @return {@code read()} calls per round, or NaN without rounds */
        public double readsPerRound() {
            return rounds == 0 ? Double.NaN : (double) reads / rounds;
        }
    }

    private long rounds;
    private long reads;
    private long frames;

    /** Adds one select round that made {@code readCalls} reads, which delivered {@code frameCount} frames. */
    synchronized void round(int readCalls, long frameCount) {
        rounds++;
        reads += readCalls;
        frames += frameCount;
    }

    /** @return the counts so far */
    public synchronized Snapshot snapshot() {
        return new Snapshot(rounds, reads, frames);
    }
}
