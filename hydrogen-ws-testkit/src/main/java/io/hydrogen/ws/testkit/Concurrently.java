package io.hydrogen.ws.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a task from several threads at once, released together, and reports what they threw. */
final class Concurrently {

    /** A task run by each thread, {@code iterations} times. */
    @FunctionalInterface
    interface Task {
        void run(int thread, int iteration) throws Throwable;
    }

    private Concurrently() {
    }

    /**
     * Runs {@code task} on {@code threads} new threads, {@code iterations} times each.
     *
     * @throws AssertionError if a call threw (the first as cause, the count in the message) or the
     *     threads did not finish within {@code timeout}
     */
    static void run(String what, int threads, int iterations, Duration timeout, Task task) {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < iterations; i++) {
                        task.run(thread, i);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "hydrogen-testkit-" + t);
            worker.setDaemon(true);
            worker.start();
            started.add(worker);
        }
        start.countDown();
        boolean finished;
        try {
            finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(Thread::interrupt);
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
        if (!finished) {
            started.forEach(Thread::interrupt);
            throw new AssertionError(what + ": " + threads + " threads did not finish " + iterations
                    + " calls each within " + timeout + " (a deadlock, or blocking calls?)");
        }
        Throwable first = failures.peek();
        if (first != null) {
            if (first instanceof AssertionError assertion && failures.size() == 1) {
                throw assertion;
            }
            throw new AssertionError(what + ": " + failures.size() + " of " + threads
                    + " threads failed; the first: " + first, first);
        }
    }
}
