package io.hydrogen.ws.examples;

// tag::imports[]
import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.HydrogenWebSocketServerBuilder;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.spi.StatusProvider;
import java.util.Map;
// end::imports[]

/**
 * The sample of docs/spi.md for hosts with dependency injection: providers and handlers that need
 * constructor arguments (which {@code ServiceLoader} cannot give) are made by the host's container
 * and handed to the builder as instances.
 */
public final class InjectionSample {

    private InjectionSample() {
    }

    /** A service of the host's, the kind a container injects. */
    public interface Printer {
        /** @return the bed temperature in degrees Celsius */
        double bedTemperature();

        /** Pauses the current job. */
        void pause();
    }

    // tag::components[]
    /** Needs a Printer: the container makes it, not ServiceLoader (which needs a no-arg constructor). */
    public static final class BedStatusProvider implements StatusProvider {

        private final Printer printer;

        public BedStatusProvider(Printer printer) { // e.g. @Inject
            this.printer = printer;
        }

        @Override
        public String section() {
            return "bed";
        }

        @Override
        public Object status() {
            return Map.of("celsius", printer.bedTemperature());
        }
    }

    /** A handler with a dependency; one instance serves every connection. */
    public static final class PauseHandler implements MessageHandler {

        private final Printer printer;

        public PauseHandler(Printer printer) {
            this.printer = printer;
        }

        @Override
        public Object handle(MessageRequest request) {
            printer.pause();
            return Map.of("paused", true);
        }
    }
    // end::components[]

    /**
     * What the host's wiring (a Spring {@code @Bean} method, a Guice provider, CDI producer, ...)
     * does with the instances its container made.
     *
     * @param bedStatus the container's provider
     * @param pause the container's handler
     * @param key the API key
     * @return the configured builder
     */
    public static HydrogenWebSocketServerBuilder configured(BedStatusProvider bedStatus, PauseHandler pause,
            String key) {
        // tag::wiring[]
        return HydrogenWebSocketServer.builder()
                .apiKey(key)
                .endpoint(e -> e
                        .statusProvider(bedStatus)        // instances, made and injected by the container
                        .messageHandler("printer.pause", pause)
                        .statusProviderDiscovery(false)); // optional: only these, none from META-INF/services
        // end::wiring[]
    }
}
