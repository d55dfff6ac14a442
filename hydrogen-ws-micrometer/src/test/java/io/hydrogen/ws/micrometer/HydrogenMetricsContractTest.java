package io.hydrogen.ws.micrometer;

import io.hydrogen.ws.spi.HydrogenEventListener;
import io.hydrogen.ws.testkit.EventListenerContract;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Nested;

/** The listener passes the event listener kit, bound to a registry and not yet bound. */
class HydrogenMetricsContractTest extends EventListenerContract {

    @Override
    protected HydrogenEventListener listener() {
        HydrogenMetrics metrics = new HydrogenMetrics(Tags.of("server", "contract"));
        metrics.bindTo(new SimpleMeterRegistry());
        return metrics;
    }

    /** Registered on the builder, the listener gets events before {@code bindTo}. */
    @Nested
    class NotYetBound extends EventListenerContract {
        @Override
        protected HydrogenEventListener listener() {
            return new HydrogenMetrics();
        }
    }
}
