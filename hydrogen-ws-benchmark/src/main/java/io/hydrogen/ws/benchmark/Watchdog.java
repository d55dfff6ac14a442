package io.hydrogen.ws.benchmark;

/** Ends the process if a run overstays its bound, so a hung server can never hang a script. */
final class Watchdog {

    static final int EXIT_OVERDUE = 3;

    private Watchdog() {
    }

    /** Starts a daemon thread that halts the JVM after {@code seconds}. */
    static void start(long seconds) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("[loadgen] watchdog: run exceeded " + seconds + " s; exiting with " + EXIT_OVERDUE);
            Runtime.getRuntime().halt(EXIT_OVERDUE);
        }, "loadgen-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
