package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.Notification;
import io.hydrogen.ws.topics.Temperatures;
import java.util.ArrayList;
import java.util.List;

/** Records what a printer publishes, in order; thread-safe. */
final class RecordingOutput implements PrinterOutput {

    private final List<Temperatures> temperatures = new ArrayList<>();
    private final List<JobStatus> jobs = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();

    @Override
    public synchronized void temperatures(Temperatures value) {
        temperatures.add(value);
    }

    @Override
    public synchronized void job(JobStatus value) {
        jobs.add(value);
    }

    @Override
    public synchronized void notification(Notification value) {
        notifications.add(value);
    }

    synchronized List<Temperatures> temperatures() {
        return List.copyOf(temperatures);
    }

    synchronized List<JobStatus> jobs() {
        return List.copyOf(jobs);
    }

    synchronized List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    synchronized List<String> codes() {
        return notifications.stream().map(Notification::code).toList();
    }

    synchronized JobStatus lastJob() {
        return jobs.get(jobs.size() - 1);
    }

    synchronized void clear() {
        temperatures.clear();
        jobs.clear();
        notifications.clear();
    }
}
