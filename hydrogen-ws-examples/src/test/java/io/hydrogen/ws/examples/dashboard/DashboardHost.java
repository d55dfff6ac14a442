package io.hydrogen.ws.examples.dashboard;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.examples.ExampleRunnerAccess;
import io.hydrogen.ws.examples.sim.PrinterOutput;
import io.hydrogen.ws.examples.sim.SimulatedPrinter;
import io.hydrogen.ws.examples.sim.SimulatorException;
import io.hydrogen.ws.examples.sim.SimulatorLoop;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * What the dashboard talks to: a server configured like the example runner's (the dashboard served
 * from {@link ExampleRunnerAccess#DASHBOARD}, the simulated printer on the topics, a control and a
 * monitor key) with the printer's commands, on loopback. Restartable on the same port.
 */
final class DashboardHost implements AutoCloseable {

    static final String CONTROL_KEY = "dashboard-control-key-0123456789";
    static final String MONITOR_KEY = "dashboard-monitor-key-0123456789";
    /** Fast enough that a heater visibly heats within a test, slow enough to watch. */
    private static final double SPEED = 10;

    private final HydrogenWebSocketServer server;
    private final SimulatorLoop simulator;

    private DashboardHost(HydrogenWebSocketServer server, SimulatorLoop simulator) {
        this.server = server;
        this.simulator = simulator;
    }

    /** @param port the port, 0 for an ephemeral one */
    static DashboardHost start(int port) {
        AtomicReference<SimulatedPrinter> printer = new AtomicReference<>();
        HydrogenWebSocketServer server = HydrogenWebSocketServer.builder()
                .binding(b -> b.host("127.0.0.1").port(port).portRangeEnd(port))
                .apiKey(CONTROL_KEY, Scope.CONTROL)
                .apiKey(MONITOR_KEY, Scope.MONITOR)
                .exitWait(Duration.ofSeconds(2))
                .endpoint(e -> e.staticResources(ExampleRunnerAccess.DASHBOARD)
                        .statusProviderDiscovery(false)
                        .command("printer.set_temperature", command(printer, (p, args) ->
                                p.setTemperature((String) args.get("heater"), ((Number) args.get("target")).doubleValue())))
                        .command("job.start", command(printer, (p, args) -> p.startJob((String) args.get("file"))))
                        .command("job.pause", command(printer, (p, args) -> p.pauseJob()))
                        .command("job.resume", command(printer, (p, args) -> p.resumeJob()))
                        .command("job.cancel", command(printer, (p, args) -> p.cancelJob()))
                        .command("printer.emergency_stop", command(printer, (p, args) -> p.emergencyStop())))
                .build();
        server.start();
        SimulatedPrinter simulated = new SimulatedPrinter(PrinterOutput.to(server.topics()), SimulatedPrinter.Clock.SYSTEM,
                SPEED, new Random());
        printer.set(simulated);
        return new DashboardHost(server, SimulatorLoop.start(simulated, null));
    }

    /** A command on the printer: its errors become the client's error codes, its result the job. */
    private static MessageHandler command(AtomicReference<SimulatedPrinter> printer,
            BiConsumer<SimulatedPrinter, Map<String, Object>> action) {
        return request -> {
            SimulatedPrinter p = printer.get();
            try {
                action.accept(p, request.payload());
            } catch (SimulatorException e) {
                throw new MessageException(e.code().wireName(), e.getMessage());
            } catch (ClassCastException | NullPointerException e) {
                throw new MessageException("invalid_argument", "bad or missing argument");
            }
            return Map.of("job", p.job());
        };
    }

    HydrogenWebSocketServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** @return the page's address */
    String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    @Override
    public void close() {
        simulator.close();
        server.close();
    }
}
