package org.maillab.smtp.session;

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
        Path page = Path.of("..", "docs", "smtp-state-diagram.md");
        assertEquals(StateDiagram.markdown(), Files.readString(page, StandardCharsets.UTF_8),
                "docs/smtp-state-diagram.md is stale: regenerate it with StateDiagram (see its Javadoc)");
    }

    @Test
    void everyStateIsReachableAndEveryPathEndsClosed() {
        Set<SmtpState> reached = EnumSet.of(SmtpState.CONNECTED);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Transition t : SmtpStateTable.TRANSITIONS) {
                if (reached.contains(t.from()) && reached.add(t.to())) {
                    grew = true;
                }
            }
        }
        assertEquals(EnumSet.allOf(SmtpState.class), reached);
        for (SmtpState state : SmtpState.values()) {
            boolean leaves = SmtpStateTable.TRANSITIONS.stream().anyMatch(t -> t.from() == state);
            assertTrue(leaves || state == SmtpState.CLOSED, state + " is a dead end");
        }
    }

    @Test
    void eachEventLeadsToOneStateAtMost() {
        for (Transition t : SmtpStateTable.TRANSITIONS) {
            assertEquals(1, SmtpStateTable.TRANSITIONS.stream()
                    .filter(o -> o.from() == t.from() && o.event() == t.event()).count(), t.toString());
        }
    }
}
