package io.hydrogen.ws.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every JSON example in docs/protocol.md (the ```json blocks and the one-line examples in code
 * spans) conforms to the published contract, so the prose and the schemas cannot drift apart.
 */
class ProtocolExamplesTest {

    private static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");
    private static final Pattern BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`(\\{[^`]*})`");
    /** What an example that is not meant as literal JSON shows: an ellipsis or a placeholder like TYPE. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\.\\.\\.|\\b[A-Z]{3,}\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyJsonExampleConformsToTheContract() throws IOException {
        String markdown = Files.readString(PROTOCOL);
        List<String> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            String text = block.group(1).strip();
            if (parses(text)) {
                examples.add(text);
            } else {
                // A block of several one-line messages.
                text.lines().filter(line -> !line.isBlank()).forEach(examples::add);
            }
        }
        Matcher inline = INLINE.matcher(markdown.replaceAll("(?s)```.*?```", ""));
        List<String> elided = new ArrayList<>();
        while (inline.find()) {
            String text = inline.group(1);
            if (parses(text)) {
                examples.add(text);
            } else {
                assertThat(text).as("an inline example that is not JSON must show it is elided (... or a placeholder)")
                        .containsPattern(PLACEHOLDER);
                elided.add(text);
            }
        }

        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (String example : examples) {
            List<String> violations = violations(example);
            if (!violations.isEmpty()) {
                failures.put(example, violations);
            }
        }
        assertThat(failures).as("examples of docs/protocol.md that the contract rejects").isEmpty();
        // The extraction must keep finding the examples: the document has a dozen and more.
        assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
        assertThat(elided).isNotEmpty();
    }

    private static boolean parses(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * A message (it has a {@code type}) must be a server or a client message; anything else must be
     * one of the fragments the document shows: an HTTP error body, a built-in topic's data, a resume.
     */
    private static List<String> violations(String example) {
        JsonNode node = JSON.readTree(example);
        if (node.has("type")) {
            List<String> asServer = Contract.violations(Contract.SERVER_MESSAGE, example);
            List<String> asClient = Contract.violations(Contract.CLIENT_MESSAGE, example);
            if (asServer.isEmpty() || asClient.isEmpty()) {
                return List.of();
            }
            List<String> both = new ArrayList<>(asServer);
            both.addAll(asClient);
            return both;
        }
        Set<String> members = Set.copyOf(node.propertyNames());
        String schema;
        if (members.isEmpty()) {
            schema = "topic-job.schema.json"; // the value of a state topic nobody published to
        } else if (members.equals(Set.of("error"))) {
            schema = Contract.HTTP_ERROR;
        } else if (members.contains("heaters") || members.contains("sensors")) {
            schema = "topic-temperature.schema.json";
        } else if (members.equals(Set.of("holder"))) {
            schema = "topic-control.schema.json";
        } else if (members.contains("level")) {
            schema = "topic-notification.schema.json";
        } else if (members.equals(Set.of("epoch", "seq"))) {
            schema = "subscribe.schema.json#/$defs/resume";
        } else {
            return List.of("an example the contract has no schema for; teach this test which one it is");
        }
        return Contract.violations(schema, example);
    }
}
