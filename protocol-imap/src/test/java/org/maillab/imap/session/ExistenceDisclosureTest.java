package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Frame;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;

/**
 * Issue 11, findings 6 and 7: a user without rights learns nothing from the answers about which of
 * another user's mailboxes, or which accounts, exist (RFC 4314 §6). For every command that takes a
 * mailbox name, bob's answer is the same, byte for byte once the name is replaced, for an existing
 * mailbox of fred's he has no right on, a mailbox fred does not have, and a user that does not exist.
 */
class ExistenceDisclosureTest {

    /** An existing mailbox bob has no right on, one that does not exist, and an account that does not exist. */
    static final List<String> TARGETS = List.of("Other Users/fred/Work", "Other Users/fred/NoSuchBox",
            "Other Users/nosuchuser/Work");

    private final Fixture fixture = new Fixture();
    private ImapSession bob;

    @BeforeEach
    void logIn() {
        Account bobAccount = fixture.store.createAccount("bob", "pw", false);
        bobAccount.append("INBOX", new ByteArrayInputStream("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
        fixture.append("Work", Fixture.MESSAGE_1, Flags.NONE, "2026-01-01T10:00:00Z");
        fixture.fred.create("Work/Deeper");
        bob = fixture.session();
        assertTrue(run("b0 LOGIN bob pw").startsWith("b0 OK"));
    }

    String run(String line) {
        return answer(bob.handle(CommandParser.parse(line)).responses());
    }

    static String answer(List<Response> responses) {
        StringBuilder sb = new StringBuilder();
        for (Response r : responses) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    /** The command for each target, with the target's name in it replaced, so the answers can be compared. */
    void sameAnswerForEveryTarget(String template) {
        String first = null;
        for (String target : TARGETS) {
            String line = template.replace("NAME", target);
            String answer = run(line).replace(target, "NAME").replace(quotedOrNot(target), "NAME");
            if (first == null) {
                first = answer;
            } else {
                assertEquals(first, answer, line + " told bob something the first target did not");
            }
        }
    }

    private static String quotedOrNot(String name) {
        return "\"" + name + "\"";
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c CREATE \"NAME/x\"",             // finding 6: NONEXISTENT, NOPERM, CANNOT
            "c CREATE \"NAME/x/y\"",
            "c CREATE \"NAME\"",
            "c CREATE \"NAME/\"",
            "d DELETE \"NAME\"",
            "r RENAME \"NAME\" Mine",
            "r RENAME \"NAME\" \"NAME2\"",
            "s SELECT \"NAME\"",
            "e EXAMINE \"NAME\"",
            "t STATUS \"NAME\" (MESSAGES UIDNEXT)",
            "u SUBSCRIBE \"NAME\"",
            "l LIST \"\" \"NAME\"",
            "l LIST \"\" \"NAME/*\"",
            "g GETACL \"NAME\"",
            "g SETACL \"NAME\" bob lr",
            "g DELETEACL \"NAME\" bob",
            "g LISTRIGHTS \"NAME\" bob",
            "m MYRIGHTS \"NAME\"",
            "q GETQUOTAROOT \"NAME\"",          // finding 7
            "q GETQUOTAROOT \"NAME/x\""})
    void oneAnswerWhateverExists(String template) {
        sameAnswerForEveryTarget(template);
    }

    @Test
    void appendCopyAndMoveIntoAnotherUsersNamesAnswerAlike() {
        for (String target : TARGETS) {
            String answer = answer(bob.handle(CommandParser.parse(appendFrame(target))).responses())
                    .replace("\"" + target + "\"", "NAME");
            assertTrue(answer.startsWith("a NO [TRYCREATE]"), answer);
        }
        assertTrue(run("s SELECT INBOX").contains("s OK"));
        sameAnswerForEveryTarget("c COPY 1 \"NAME\"");
        sameAnswerForEveryTarget("c UID COPY 1:* \"NAME\"");
        sameAnswerForEveryTarget("m MOVE 1 \"NAME\"");
    }

    @Test
    void quotaRootsOfOtherAccountsAnswerAlike() {
        String fred = run("q GETQUOTA \"#user/fred\"");
        String nobody = run("q GETQUOTA \"#user/nosuchuser\"");
        assertEquals(fred, nobody);
    }

    /** Finding 7: {@code GETQUOTAROOT "../bob"} answered {@code * QUOTAROOT ../bob ""}. */
    @ParameterizedTest
    @ValueSource(strings = {"../bob", "a/../b", "./x", "x//y", "/abs", "Work/"})
    void getQuotaRootRefusesInvalidNames(String name) {
        String answer = run("q GETQUOTAROOT \"" + name + "\"");
        assertTrue(answer.startsWith("q NO [CANNOT]") || answer.startsWith("q BAD"), answer);
    }

    private static Frame appendFrame(String target) {
        Framer framer = new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory());
        List<FramerEvent> events = framer.feed(("a APPEND \"" + target + "\" {3+}\r\nx\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return ((FramerEvent.Complete) events.get(0)).frame();
    }
}
