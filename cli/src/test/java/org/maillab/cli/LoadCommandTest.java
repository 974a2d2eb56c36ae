package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.load.Account;
import org.maillab.load.LoadConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

class LoadCommandTest {

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

    @Test
    void defaultsAreFourClientsTenSecondsSeedOne() {
        LoadConfig c = LoadCommand.parse(List.of("--target", "imap://127.0.0.1:1143", "--user", "alice",
                "--password", "s"));
        assertEquals(4, c.clients());
        assertEquals(Duration.ofSeconds(10), c.duration());
        assertEquals(0, c.commands());
        assertEquals(1, c.seed());
        assertEquals(List.of(new Account("alice", "s")), c.accounts());
    }

    @Test
    void aCommandCountWithoutDurationIsStillBoundedInTime() {
        LoadConfig c = LoadCommand.parse(List.of("--target", "imap://localhost:1143", "--user", "u{1..3}",
                "--user", "bob", "--password", "s", "--commands", "1000", "--clients", "8", "--seed", "9"));
        assertEquals(LoadCommand.COMMANDS_TIME_CAP, c.duration());
        assertEquals(1000, c.commands());
        assertEquals(List.of("u1", "u2", "u3", "bob"), c.accounts().stream().map(Account::user).toList());
    }

    @Test
    void missingOrBadOptionsAreUsageErrors() throws Exception {
        for (List<String> args : List.of(
                List.of("--user", "a", "--password", "p"),
                List.of("--target", "imap://127.0.0.1:1", "--password", "p"),
                List.of("--target", "imap://127.0.0.1:1", "--user", "a", "--password", "p", "--clients", "0"),
                List.of("--target", "imap://127.0.0.1:1", "--user", "a", "--password", "p", "--duration", "x"),
                List.of("--target", "imap://127.0.0.1:1", "--user", "a", "--password", "p", "--bogus"),
                List.of("--target", "imap://127.0.0.1:1", "--user"))) {
            assertEquals(2, new LoadCommand().run(args, out, err), args.toString());
        }
    }

    @Test
    void aTargetOffThisMachineIsRefusedBeforeAnyConnection() throws Exception {
        assertEquals(2, new LoadCommand().run(List.of("--target", "imap://192.0.2.1:143", "--user", "a",
                "--password", "p"), out, err));
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("only talks to this machine"), errors.toString());
        assertThrows(IllegalArgumentException.class, () -> LoadCommand.parse(List.of("--target",
                "imap://mail.example.com:143", "--user", "a", "--password", "p")));
    }

    @Test
    void aRunPrintsOneRowPerCommandTypeAndTheTotal() throws Exception {
        MailStore store = new InMemoryStore();
        store.createAccount("alice", "pw", false);
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            int status = Maillab.run(List.of("load", "--target", "imap://127.0.0.1:" + server.port().orElseThrow(),
                    "--user", "alice", "--password", "pw", "--clients", "2", "--commands", "120", "--fill", "10"),
                    out, err);
            String printed = output.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, printed + errors);
            assertTrue(printed.contains("2 clients, 120 commands in "), printed);
            for (String row : List.of("LOGIN ", "SELECT ", "FETCH_HEADERS ", "LOGOUT ", "all ")) {
                assertTrue(printed.lines().anyMatch(l -> l.startsWith(row)), row + " row missing:\n" + printed);
            }
            assertTrue(printed.contains("p50 ms") && printed.contains("p99 ms"), printed);
        }
    }

    @Test
    void helpShowsTheOptions() throws Exception {
        assertEquals(0, Maillab.run(List.of("help", "load"), out, err));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("--clients N"));
    }
}
