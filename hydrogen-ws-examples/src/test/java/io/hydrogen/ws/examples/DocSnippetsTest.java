package io.hydrogen.ws.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs quote the compiled samples: every {@code <!-- snippet: File.java#tag -->} block in docs/
 * and the README must equal the region between {@code // tag::tag[]} and {@code // end::tag[]} of
 * that sample. {@code #imports+tag} quotes several regions, separated by a blank line (so that a
 * snippet can show the imports a reader needs).
 */
class DocSnippetsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Path README = Path.of("..", "README.md");
    private static final Path SAMPLES = Path.of("src", "main", "java", "io", "hydrogen", "ws", "examples");
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: ([\\w.]+)#([\\w+-]+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everySnippetMatchesItsCompiledSample() throws IOException {
        List<String> checked = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        for (Path doc : pages) {
            Matcher matcher = SNIPPET.matcher(Files.readString(doc));
            while (matcher.find()) {
                List<String> regions = new ArrayList<>();
                for (String tag : matcher.group(2).split("\\+")) {
                    regions.add(region(SAMPLES.resolve(matcher.group(1)), tag));
                }
                String expected = String.join("\n\n", regions);
                assertThat(matcher.group(3)).as("%s quoting %s#%s", doc.getFileName(), matcher.group(1),
                        matcher.group(2)).isEqualTo(expected);
                checked.add(doc.getFileName() + ":" + matcher.group(2));
            }
        }
        assertThat(checked).contains("README.md:imports+quickstart", "spi.md:imports+registration",
                "spi.md:status-provider", "spi.md:authenticator", "spi.md:event-listener",
                "spi.md:imports+components", "spi.md:wiring", "embedding.md:imports+embedding",
                "configuration.md:grouped", "configuration.md:derived");
    }

    private static String region(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = indexOf(lines, "// tag::" + tag + "[]");
        int end = indexOf(lines, "// end::" + tag + "[]");
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " not found; lines: " + Arrays.toString(lines.toArray()).length());
    }
}
