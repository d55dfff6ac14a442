package io.hydrogen.ws.examples.dashboard;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.Scope;
import io.hydrogen.ws.examples.ExampleRunnerAccess;
import io.hydrogen.ws.examples.sim.PrinterCommands;
import io.hydrogen.ws.examples.sim.PrinterOutput;
import io.hydrogen.ws.examples.sim.SimulatedPrinter;
import io.hydrogen.ws.examples.sim.SimulatorLoop;
import io.hydrogen.ws.topics.Topics;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the dashboard talks to: a server configured like the example runner's (the dashboard served
 * from {@link ExampleRunnerAccess#DASHBOARD}, the simulated printer on the topics, a control and a
 * monitor key) with the printer's commands ({@link PrinterCommands}), on loopback. Restartable on the
 * same port.
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
        // As in the runner: the printer first, since its commands are registered when the server is built.
        AtomicReference<Topics> topics = new AtomicReference<>();
        SimulatedPrinter printer = new SimulatedPrinter(PrinterOutput.to(topics::get), SimulatedPrinter.Clock.SYSTEM,
                SPEED, new Random());
        HydrogenWebSocketServer server = HydrogenWebSocketServer.builder()
                .binding(b -> b.host("127.0.0.1").port(port).portRangeEnd(port))
                .apiKey(CONTROL_KEY, Scope.CONTROL)
                .apiKey(MONITOR_KEY, Scope.MONITOR)
                .exitWait(Duration.ofSeconds(2))
                .endpoint(e -> PrinterCommands.register(e.staticResources(ExampleRunnerAccess.DASHBOARD)
                        .statusProviderDiscovery(false), printer))
                .build();
        topics.set(server.topics());
        server.start();
        return new DashboardHost(server, SimulatorLoop.start(printer, null));
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
