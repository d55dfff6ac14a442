package io.hydrogen.ws.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.hydrogen.ws.HydrogenWebSocketServer;
import io.hydrogen.ws.spi.ConnectionInfo;
import io.hydrogen.ws.spi.MessageException;
import io.hydrogen.ws.spi.MessageHandler;
import io.hydrogen.ws.spi.MessageRequest;
import io.hydrogen.ws.topics.JobStatus.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The commands' argument checks and results, calling the handlers that {@link PrinterCommands}
 * registers on a real builder. {@code ExampleRunnerIT} drives them over the wire, with the scopes
 * and the control lease.
 */
class PrinterCommandsTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingOutput output = new RecordingOutput();
    private final SimulatedPrinter printer = new SimulatedPrinter(output, clock, 1, new Random(42));
    private final Map<String, MessageHandler> commands = HydrogenWebSocketServer.builder()
            .apiKey("printer-commands-test-key")
            .endpoint(e -> PrinterCommands.register(e, printer))
            .buildConfig().endpoint().commands();

    @Test
    void registersEveryCommandAsACommandNotAPlainHandler() {
        assertThat(commands.keySet()).containsExactlyElementsOf(PrinterCommands.TYPES).containsExactly(
                "printer.set_temperature", "job.start", "job.pause", "job.resume", "job.cancel",
                "printer.emergency_stop");
        assertThat(HydrogenWebSocketServer.builder().apiKey("printer-commands-test-key")
                .endpoint(e -> PrinterCommands.register(e, printer)).buildConfig().endpoint().messageHandlers())
                .isEmpty();
    }

    @Test
    void setTemperatureSetsTheTargetAndAnswersIt() throws MessageException {
        Object result = call("printer.set_temperature", "heater", "extruder", "target", 200L);
        assertThat(result).isEqualTo(Map.of("heater", "extruder", "target", 200.0));
        assertThat(printer.temperatures().heaters().get("extruder").target()).isEqualTo(200.0);

        assertThat(call("printer.set_temperature", "heater", "heater_bed", "target", 60.5))
                .isEqualTo(Map.of("heater", "heater_bed", "target", 60.5));
        assertThat(call("printer.set_temperature", "heater", "extruder", "target", 0L))
                .isEqualTo(Map.of("heater", "extruder", "target", 0.0));
        assertThat(printer.temperatures().heaters().get("extruder").target()).isZero();
    }

    @Test
    void aMissingOrMalformedArgumentIsNamed() {
        assertInvalid(refusal("printer.set_temperature", "target", 200L), "heater", "missing");
        assertInvalid(refusal("printer.set_temperature", "heater", "extruder"), "target", "missing");
        assertInvalid(refusal("printer.set_temperature", "heater", "extruder", "target", null), "target", "missing");
        assertInvalid(refusal("printer.set_temperature", "heater", "extruder", "target", "200"), "target",
                "not a number");
        assertInvalid(refusal("printer.set_temperature", "heater", 1L, "target", 200L), "heater", "not a string");
        assertInvalid(refusal("printer.set_temperature", "heater", " ", "target", 200L), "heater", "blank");
        assertInvalid(refusal("job.start"), "file", "missing");
        assertInvalid(refusal("job.start", "file", ""), "file", "blank");
        assertInvalid(refusal("job.start", "file", List.of("a.gcode")), "file", "not a string");
        assertThat(output.notifications()).as("nothing reached the printer").isEmpty();
        assertThat(printer.temperatures().heaters().values()).allSatisfy(h -> assertThat(h.target()).isZero());
    }

    @Test
    void anUnknownArgumentIsRefusedSoThatATypoIsNotIgnored() {
        MessageException e = refusal("printer.set_temperature", "heater", "extruder", "temp", 200L);
        assertThat(e.code()).isEqualTo("invalid_argument");
        assertThat(e.details()).containsExactly(entry("field", "temp"), entry("reason", "unknown argument"),
                entry("allowed", List.of("heater", "target")));
        assertThat(e.getMessage()).contains("temp");

        MessageException noArguments = refusal("job.pause", "file", "x.gcode");
        assertThat(noArguments.details()).containsEntry("field", "file").containsEntry("allowed", List.of());
        assertThat(noArguments.getMessage()).contains("no arguments");
    }

    @Test
    void aTargetAboveTheMaximumIsOutOfRangeWithTheRange() {
        MessageException e = refusal("printer.set_temperature", "heater", "extruder", "target", 400L);
        assertThat(e.code()).isEqualTo("out_of_range");
        assertThat(e.details()).containsExactly(entry("field", "target"), entry("heater", "extruder"),
                entry("min", 0), entry("max", 300.0));

        assertThat(refusal("printer.set_temperature", "heater", "heater_bed", "target", 121L).details())
                .containsEntry("max", 120.0);
        assertThat(refusal("printer.set_temperature", "heater", "heater_bed", "target", -1L).code())
                .isEqualTo("out_of_range");
    }

    @Test
    void anUnknownHeaterListsTheHeaters() {
        MessageException e = refusal("printer.set_temperature", "heater", "chamber", "target", 40L);
        assertThat(e.code()).isEqualTo("unknown_heater");
        assertThat(e.details()).containsExactly(entry("field", "heater"),
                entry("heaters", List.of("extruder", "heater_bed")));
    }

    @Test
    void jobCommandsAnswerTheJobAsTheTopicShowsIt() throws MessageException {
        assertThat(call("job.start", "file", "benchy.gcode")).asInstanceOf(MAP).containsEntry("state", "printing").containsEntry("file", "benchy.gcode").containsKey("progress");
        assertThat(job(call("job.pause"))).containsEntry("state", "paused");
        assertThat(job(call("job.resume"))).containsEntry("state", "printing");
        assertThat(job(call("job.cancel"))).containsEntry("state", "cancelled");
        assertThat(printer.job().state()).isEqualTo(State.CANCELLED);
        assertThat(output.codes()).containsExactly("job_started", "job_paused", "job_resumed", "job_cancelled");
    }

    @Test
    void whatThePrinterRefusesKeepsItsCodeAndShowsTheJob() throws MessageException {
        MessageException noJob = refusal("job.pause");
        assertThat(noJob.code()).isEqualTo("no_job");
        assertThat(job(noJob.details().get("job"))).containsEntry("state", "idle");
        assertThat(refusal("job.resume").code()).isEqualTo("no_job");
        assertThat(refusal("job.cancel").code()).isEqualTo("no_job");

        call("job.start", "file", "benchy.gcode");
        MessageException running = refusal("job.start", "file", "other.gcode");
        assertThat(running.code()).isEqualTo("job_running");
        assertThat(job(running.details().get("job"))).containsEntry("state", "printing")
                .containsEntry("file", "benchy.gcode");
        assertThat(refusal("job.resume").code()).isEqualTo("job_running");
        call("job.pause");
        assertThat(refusal("job.pause").code()).isEqualTo("job_not_running");
    }

    @Test
    void emergencyStopTurnsEveryHeaterOffAndStopsTheJob() throws MessageException {
        call("printer.set_temperature", "heater", "extruder", "target", 210L);
        call("printer.set_temperature", "heater", "heater_bed", "target", 60L);
        call("job.start", "file", "benchy.gcode");

        Object result = call("printer.emergency_stop");

        assertThat(result).asInstanceOf(MAP)
                .containsEntry("heaters_off", List.of("extruder", "heater_bed"));
        assertThat(job(((Map<?, ?>) result).get("job"))).containsEntry("state", "error");
        assertThat(printer.temperatures().heaters().values()).allSatisfy(h -> assertThat(h.target()).isZero());
        assertThat(output.notifications().get(output.notifications().size() - 1).code()).isEqualTo("emergency_stop");
        assertInvalid(refusal("printer.emergency_stop", "now", true), "now", "unknown argument");
    }

    private Object call(String type, Object... arguments) throws MessageException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("id", 7L);
        for (int i = 0; i < arguments.length; i += 2) {
            payload.put((String) arguments[i], arguments[i + 1]);
        }
        return commands.get(type).handle(new Request(type, payload));
    }

    private MessageException refusal(String type, Object... arguments) {
        MessageException e = catchThrowableOfType(MessageException.class, () -> call(type, arguments));
        assertThat(e).as("%s refused", type).isNotNull();
        return e;
    }

    private static void assertInvalid(MessageException e, String field, String reason) {
        assertThat(e.code()).isEqualTo("invalid_argument");
        assertThat(e.details()).containsEntry("field", field).containsEntry("reason", reason);
        assertThat(e.getMessage()).contains(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** A command message as the dispatcher hands it over; the handlers never look at the connection. */
    private record Request(String type, Map<String, Object> payload) implements MessageRequest {
        @Override
        public ConnectionInfo connection() {
            throw new AssertionError("the printer's commands do not need the connection");
        }
    }
}
