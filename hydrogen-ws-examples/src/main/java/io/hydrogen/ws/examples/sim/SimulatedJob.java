package io.hydrogen.ws.examples.sim;

import io.hydrogen.ws.topics.JobStatus;
import io.hydrogen.ws.topics.JobStatus.State;

/**
 * One print job's progress, in simulated seconds. Not thread-safe: the {@link SimulatedPrinter}
 * that owns it guards it.
 *
 * <p>The job lasts 60 to 120 s of printing, chosen from the file's name so that the same file
 * always takes the same time, with 1.5 layers a second. Elapsed time counts pauses too (as the
 * protocol's {@code elapsed_s} does); progress counts printing only.
 */
final class SimulatedJob {

    static final double MIN_SECONDS = 60;
    static final double MAX_SECONDS = 120;
    private static final double LAYERS_PER_SECOND = 1.5;

    private final String file;
    private final double duration;
    private final int layers;
    private State state = State.PRINTING;
    private double printed;
    private double elapsed;

    SimulatedJob(String file) {
        this.file = file;
        this.duration = MIN_SECONDS + Math.floorMod(file.hashCode(), (int) (MAX_SECONDS - MIN_SECONDS) + 1);
        this.layers = (int) Math.round(duration * LAYERS_PER_SECOND);
    }

    String file() {
        return file;
    }

    State state() {
        return state;
    }

    /** @return whether the job is printing or paused, that is, not finished in any way */
    boolean active() {
        return state == State.PRINTING || state == State.PAUSED;
    }

    void state(State newState) {
        state = newState;
    }

    /**
     * Advances the job by {@code seconds}.
     *
     * @return true if the job completed during this step
     */
    boolean advance(double seconds) {
        if (!active()) {
            return false;
        }
        elapsed += seconds;
        if (state == State.PRINTING) {
            printed = Math.min(duration, printed + seconds);
            if (printed >= duration) {
                state = State.COMPLETE;
                return true;
            }
        }
        return false;
    }

    /** @return the job as the {@code job} topic shows it, times to a tenth of a second */
    JobStatus status() {
        double progress = printed / duration;
        int layer = state == State.COMPLETE ? layers : Math.min(layers, 1 + (int) (progress * layers));
        return new JobStatus(state, file, round(progress, 1000), round(elapsed, 10),
                active() || state == State.COMPLETE ? round(duration - printed, 10) : null, layer, layers);
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
