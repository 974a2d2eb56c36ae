package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.Reply;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.ParsedCommand;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * COMPRESS is transparent (RFC 4978 §3 changes only the bytes): any sequence of commands gets the same
 * responses on a compressed session as on a plain one. Two accounts with the same mail, one session
 * each, over loopback; UIDVALIDITY (which depends on when a mailbox was made) is the only difference
 * allowed.
 */
class CompressProperties {

    private static final List<String> COMMANDS = List.of(
            "NOOP", "CAPABILITY", "SELECT INBOX", "EXAMINE INBOX", "UNSELECT", "CLOSE", "CHECK",
            "FETCH 1:* (FLAGS UID RFC822.SIZE)", "FETCH 1:3 (BODY.PEEK[])", "FETCH 2 (ENVELOPE BODYSTRUCTURE)",
            "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])", "FETCH 3 (BODY.PEEK[TEXT]<0.40>)",
            "STORE 1 +FLAGS (\\Seen)", "STORE 2 +FLAGS (\\Deleted)", "STORE 1:* -FLAGS.SILENT (\\Seen)",
            "UID SEARCH ALL", "SEARCH SUBJECT report", "SEARCH UNSEEN", "EXPUNGE", "UID FETCH 1:* (FLAGS)",
            "LIST \"\" *", "STATUS INBOX (MESSAGES UIDNEXT UNSEEN)", "CREATE Archive", "COPY 1:2 Archive",
            "MOVE 1 Archive", "SELECT Archive", "DELETE Archive", "SELECT Nowhere", "FETCH 99 (FLAGS)",
            "APPEND", "NAMESPACE", "ENABLE CONDSTORE");

    @Provide
    Arbitrary<List<String>> scripts() {
        return Arbitraries.of(COMMANDS).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 15, seed = "4978")
    void aCompressedSessionAnswersEveryCommandAsAPlainOneDoes(@ForAll("scripts") List<String> script) throws Exception {
        MailStore store = new InMemoryStore();
        fill(store.createAccount("plain", "secret", false));
        fill(store.createAccount("zip", "secret", false));
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            int port = server.port().orElseThrow();
            List<String> plain = run(port, "plain", false, script);
            List<String> compressed = run(port, "zip", true, script);
            assertEquals(plain, compressed);
        }
    }

    private static void fill(Account a) {
        for (int i = 1; i <= 4; i++) {
            String m = "From: alice@example.org\r\nSubject: report " + i + "\r\n\r\n" + "Figures for week " + i + ".\r\n";
            a.append("INBOX", new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                    Instant.parse("2026-01-0" + i + "T10:00:00Z"));
        }
    }

    private static List<String> run(int port, String user, boolean compress, List<String> script) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        List<String> out = new ArrayList<>();
        try (ImapClient c = ImapClient.over(socket)) {
            if (compress) {
                c.loginAndCompress(user, "secret");
            } else {
                c.login(user, "secret");
            }
            for (String line : script) {
                Command command = line.equals("APPEND")
                        ? new Command.Append("INBOX", List.of(), java.util.Optional.empty(),
                                Literal.of("Subject: appended\r\n\r\nnew\r\n"), false)
                        : ((ParsedCommand.Ok) CommandParser.parse("x " + line)).command();
                Reply r = c.execute(command);
                for (Response u : r.untagged()) {
                    out.add(normalize(ResponseFormatter.format(u).text()));
                }
                String done = ResponseFormatter.format(new Response.Tagged("x", r.done().status(), r.done().code(),
                        r.done().text())).text();
                out.add(normalize(done));
            }
        }
        return out;
    }

    private static String normalize(String response) {
        return response.replaceAll("UIDVALIDITY \\d+", "UIDVALIDITY n");
    }
}
