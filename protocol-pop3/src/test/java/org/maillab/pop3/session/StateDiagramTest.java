package org.maillab.pop3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateDiagramTest {

    @Test
    void theDocsPageMatchesTheStateTable() throws IOException {
        Path page = Path.of("..", "docs", "pop3-state-diagram.md");
        assertEquals(StateDiagram.markdown(), Files.readString(page, StandardCharsets.UTF_8),
                "docs/pop3-state-diagram.md is stale: regenerate it with StateDiagram (see its Javadoc)");
    }

    @Test
    void everyStateIsReachableAndEveryPathEndsClosed() {
        Set<Pop3State> reached = EnumSet.of(Pop3State.AUTHORIZATION);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Transition t : Pop3StateTable.TRANSITIONS) {
                if (reached.contains(t.from()) && reached.add(t.to())) {
                    grew = true;
                }
            }
        }
        assertEquals(EnumSet.allOf(Pop3State.class), reached);
        for (Pop3State state : Pop3State.values()) {
            boolean leaves = Pop3StateTable.TRANSITIONS.stream().anyMatch(t -> t.from() == state);
            assertTrue(leaves || state == Pop3State.CLOSED, state + " is a dead end");
        }
    }

    @Test
    void eachEventLeadsToOneStateAtMost() {
        for (Transition t : Pop3StateTable.TRANSITIONS) {
            assertEquals(1, Pop3StateTable.TRANSITIONS.stream()
                    .filter(o -> o.from() == t.from() && o.event() == t.event()).count(), t.toString());
        }
    }
}
