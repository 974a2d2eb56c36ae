package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.Reply;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.ParsedCommand;
import org.maillab.imap.codec.Response;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * Differential test: the same generated messages (fixed seed) appended to MailLab and to Dovecot, then
 * the same SORT and THREAD commands to both; the answers must be identical (RFC 5256). Messages are
 * appended over IMAP with explicit internal dates, so both servers see the same bytes, dates and order.
 */
class SortThreadDovecotTest {

    static final int MESSAGES = 80;

    /** Messages with the artifacts RFC 5256 cares about: reply prefixes, blobs, references, odd dates. */
    static List<String> generate(long seed, int count) {
        Random r = new Random(seed);
        String[] bases = {"Lunch", "lunch", "Build broken", "Release 1.2", "Caf\u00e9", "zeta", "", "Alpha beta",
            "Re", "[PATCH] fix"};
        String[] leaders = {"", "", "", "Re: ", "RE: Re: ", "Fwd: ", "[team] ", "[team] Re: ", "Re[2]: ", "Fw: "};
        String[] trailers = {"", "", "", " (fwd)", "  "};
        String[] people = {"Alice <alice@example.org>", "bob@example.org", "\"Carol C\" <carol@example.org>",
            "dave@example.net", "Eve <EVE@example.org>", "=?UTF-8?Q?Zo=C3=AB?= <zoe@example.org>", null};
        String[] zones = {"+0000", "-0800", "+0530", "+0100", "GMT"};
        List<String> ids = new ArrayList<>();
        List<String> refChains = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder m = new StringBuilder();
            String subject = leaders[r.nextInt(leaders.length)] + bases[r.nextInt(bases.length)]
                    + trailers[r.nextInt(trailers.length)];
            if (r.nextInt(10) == 0) {
                subject = "[Fwd: " + subject + "]";
            }
            if (r.nextInt(8) == 0) {
                subject = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                        subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
            }
            if (r.nextInt(15) != 0) {
                m.append("Subject: ").append(subject).append("\r\n");
            }
            for (String field : new String[] {"From", "To", "Cc"}) {
                String who = people[r.nextInt(people.length)];
                if (who != null && (field.equals("From") || r.nextBoolean())) {
                    m.append(field).append(": ").append(who).append("\r\n");
                }
            }
            int dateKind = r.nextInt(12);
            if (dateKind < 10) {
                OffsetDateTime d = OffsetDateTime.of(2026, 1, 1 + r.nextInt(5), r.nextInt(24), r.nextInt(60), 0, 0,
                        ZoneOffset.UTC);
                m.append("Date: ").append(String.format(java.util.Locale.ROOT, "%1$ta, %1$te %1$tb %1$tY %1$tH:%1$tM:%1$tS",
                        d)).append(' ').append(zones[r.nextInt(zones.length)]).append("\r\n");
            } else if (dateKind == 10) {
                m.append("Date: not a date at all\r\n");
            }
            String id = "<" + i + "." + r.nextInt(1000) + "@gen.example>";
            int idKind = r.nextInt(20);
            if (idKind == 0 && !ids.isEmpty()) {
                id = ids.get(r.nextInt(ids.size())); // a duplicate Message-ID
            }
            if (idKind != 1) {
                m.append("Message-ID: ").append(id).append("\r\n");
            }
            String chain = "";
            if (!ids.isEmpty() && r.nextInt(10) < 6) {
                int parent = r.nextInt(ids.size());
                chain = (refChains.get(parent) + " " + ids.get(parent)).trim();
                if (r.nextInt(6) == 0) {
                    chain = "<missing." + r.nextInt(5) + "@gen.example> " + chain; // a message never seen
                }
                if (r.nextInt(5) == 0) {
                    m.append("In-Reply-To: ").append(ids.get(parent)).append("\r\n");
                } else {
                    m.append("References: ").append(chain).append("\r\n");
                }
            }
            ids.add(id);
            refChains.add(chain);
            m.append("\r\n").append("body ".repeat(r.nextInt(40))).append("\r\n");
            out.add(m.toString());
        }
        return out;
    }

    static final List<String> COMMANDS = List.of(
            "SORT (ARRIVAL) UTF-8 ALL", "SORT (REVERSE ARRIVAL) UTF-8 ALL", "SORT (DATE) UTF-8 ALL",
            "SORT (REVERSE DATE) UTF-8 ALL", "SORT (SIZE) UTF-8 ALL", "SORT (SUBJECT) UTF-8 ALL",
            "SORT (REVERSE SUBJECT) UTF-8 ALL", "SORT (FROM) UTF-8 ALL", "SORT (TO) UTF-8 ALL", "SORT (CC) UTF-8 ALL",
            "SORT (SUBJECT DATE) UTF-8 ALL", "SORT (FROM REVERSE SIZE) UTF-8 ALL", "UID SORT (SUBJECT) UTF-8 LARGER 100",
            "SORT (DATE) US-ASCII SUBJECT lunch", "THREAD ORDEREDSUBJECT UTF-8 ALL", "THREAD REFERENCES UTF-8 ALL",
            "UID THREAD REFERENCES UTF-8 NOT SUBJECT zeta", "THREAD REFERENCES US-ASCII 10:60");

    private static List<Response> answers(ImapClient client, String line) {
        Command command = ((ParsedCommand.Ok) CommandParser.parse("x " + line)).command();
        Reply reply = client.execute(command).orThrow();
        return reply.untagged().stream().filter(r -> r instanceof Response.Sort || r instanceof Response.Thread)
                .toList();
    }

    private static void fill(ImapClient client, List<String> messages) {
        for (int i = 0; i < messages.size(); i++) {
            OffsetDateTime internal = Instant.parse("2026-02-01T00:00:00Z").plusSeconds(3600L * ((i * 37) % 50))
                    .atOffset(ZoneOffset.UTC);
            client.execute(new Command.Append("INBOX", List.of(), Optional.of(internal), Literal.of(
                    messages.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)), false)).orThrow();
        }
    }

    @Test
    void sortAndThreadAnswerAsDovecotDoes_rfc5256() throws Exception {
        DovecotServer.assumeAvailable();
        List<String> messages = generate(5256, MESSAGES);
        Path data = Files.createTempDirectory("maillab-sort-dovecot-");
        MailStore store = new InMemoryStore();
        store.createAccount("alice", DovecotServer.PASSWORD, false);
        try (DovecotServer dovecot = DovecotServer.start(data);
                ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
                ImapClient theirs = ImapClient.connect("127.0.0.1", dovecot.imapPort());
                ImapClient ours = ImapClient.connect("127.0.0.1", server.port().orElseThrow())) {
            for (ImapClient c : List.of(theirs, ours)) {
                c.login("alice", DovecotServer.PASSWORD);
                fill(c, messages);
                c.select("INBOX");
            }
            List<String> differences = new ArrayList<>();
            for (String line : COMMANDS) {
                List<Response> expected = answers(theirs, line);
                List<Response> actual = answers(ours, line);
                assertEquals(1, expected.size(), line); // not a vacuous comparison: Dovecot did answer
                if (line.endsWith("UTF-8 ALL") && expected.get(0) instanceof Response.Sort sort) {
                    assertEquals(MESSAGES, sort.numbers().size(), line);
                }
                if (System.getenv("SORT_DIFF_SHOW") != null) {
                    System.out.println(line + "\n  " + org.maillab.imap.codec.ResponseFormatter.format(actual.get(0))
                            .text().trim());
                }
                if (!expected.equals(actual)) {
                    differences.add(line + "\n  dovecot: " + expected + "\n  maillab: " + actual);
                }
            }
            assertEquals("", String.join("\n", differences));
        }
    }
}
