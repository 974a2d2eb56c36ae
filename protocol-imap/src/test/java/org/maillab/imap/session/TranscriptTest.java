package org.maillab.imap.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code src/test/resources/transcripts/*.txt}: readable C:/S: sessions, most taken from the
 * examples of RFC 9051 and its extensions, against the {@link Fixture} mail.
 */
class TranscriptTest {

    static Stream<String> transcripts() throws IOException {
        Path dir = Path.of("src/test/resources/transcripts");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(p -> names.add(p.getFileName()
                    .toString()));
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void transcriptRunsAsWritten(String name) {
        String script;
        try {
            script = Files.readString(Path.of("src/test/resources/transcripts", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixture fixture = new Fixture();
        int connections = script.contains("\nC2:") ? 2 : 1;
        List<ImapConnection> list = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            list.add(fixture.connection(SessionConfig.defaults()));
        }
        new Transcript(list).run(script);
    }
}
