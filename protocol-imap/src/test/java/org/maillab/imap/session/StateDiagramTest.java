package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateDiagramTest {

    @Test
    void readmeShowsTheStateTableTheCodeRunsOn() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(StateDiagram.mermaid()), "regenerate the diagram in README.md with StateDiagram");
    }
}
