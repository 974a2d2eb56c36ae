package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaillabTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Maillab.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (CliCommand command : Maillab.COMMANDS) {
            assertTrue(help.contains(command.name()), command.name() + " missing from --help");
        }
    }

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
    }

    @Test
    void noArgumentsPrintsHelpAndFailsAsUsage() throws Exception {
        assertEquals(2, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("MailLab"));
    }

    @Test
    void helpWithACommandNamePrintsThatCommandsUsage() throws Exception {
        assertEquals(0, run("help", "serve"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("--pop3-port"), usage);
    }

    @Test
    void helpForAnUnknownCommandSaysSoAndFails() throws Exception {
        assertEquals(2, run("help", "nosuchcommand"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'nosuchcommand'"));
    }
}
