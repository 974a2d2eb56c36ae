package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;

/**
 * Session A still numbers message 2 (UID 2) after session B expunged it: B's EXPUNGE is deferred for A
 * while A runs FETCH, STORE or SEARCH (RFC 9051 §7.5.1). Two ways this happens: B expunged before A's
 * command ("deferred"), or while A's command was running, after it listed the mailbox and before it
 * read the message ("racing", what the load generator hit: {@code NO [NONEXISTENT] no message with UID
 * 53}). Every command A sends that reads several messages must answer as RFC 2180 §4 describes: until A
 * is told of the EXPUNGE, message 2 stays readable to it (§4.1.1) and a STORE on it is quietly ignored
 * (§4.2.1), as Dovecot and Cyrus do; COPY and MOVE by sequence number refuse (§4.4).
 */
class ExpungedByAnotherSessionTest {

    private static final String FLAGS_OF_2 = "* 2 FETCH (FLAGS (\\Seen \\Deleted \\Recent))\r\n";
    private static final String EXPUNGE_2 = "* 2 EXPUNGE\r\n";

    private final Fixture fixture = new Fixture();
    private final RacingStore racing = new RacingStore();
    private final ImapSession a = new ImapSession(racing.wrap(fixture.store), SessionConfig.defaults());
    private final ImapSession b = fixture.session();

    private static String run(ImapSession s, String line) {
        StringBuilder sb = new StringBuilder();
        for (Response r : s.handle(CommandParser.parse(line)).responses()) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    @BeforeEach
    void bothSessionsSelectInbox() {
        assertEquals("a0 OK", run(a, "a0 LOGIN fred secret").substring(0, 5));
        run(a, "a1 SELECT INBOX");
        assertEquals("b0 OK", run(b, "b0 LOGIN fred secret").substring(0, 5));
        run(b, "b1 SELECT INBOX");
    }

    private void bExpungesMessage2() {
        assertEquals("b2 OK STORE completed\r\n", run(b, "b2 STORE 2 +FLAGS.SILENT (\\Deleted)"));
        assertEquals(EXPUNGE_2 + "b3 OK EXPUNGE completed\r\n", run(b, "b3 EXPUNGE"));
    }

    /** A's next command runs; B expunges message 2 after it listed the mailbox. */
    private String racing(String command) {
        racing.afterNextListing(this::bExpungesMessage2);
        return run(a, command);
    }

    private void expungeAnnouncedByNoop() {
        assertEquals(EXPUNGE_2 + "n OK NOOP completed\r\n", run(a, "n NOOP"));
    }

    // Message 1: From Alice, Subject Hello, body "Hi Fred.", sent 7 Feb 1994, unseen.
    // Message 2: From Bob, Subject "Meeting tomorrow", body "... room 3.", sent 8 Feb 1994, \Seen.
    // Message 3: From carol, Subject Photos, no Date, \Flagged.
    // A still numbers message 2, so SEARCH reads it as A sees it: its bytes stay readable until A is
    // told of the EXPUNGE (RFC 2180 §4.1.1, §4.3), and racing and deferred expunges answer alike.
    @ParameterizedTest(name = "SEARCH {0}")
    @CsvSource(delimiter = '|', value = {
        "SUBJECT Meeting | ' 2'",
        "FROM bob | ' 2'",
        "HEADER Subject tomorrow | ' 2'",
        "BODY room | ' 2'",
        "TEXT room | ' 2'",
        "NOT BODY room | ' 1 3'",
        "OR SUBJECT Hello BODY room | ' 1 2'",
        "SENTON 8-Feb-1994 | ' 2'",
        "SENTBEFORE 9-Feb-1994 | ' 1 2'",
        "LARGER 10 | ' 1 2 3'",
        "SINCE 1-Jan-2020 | ' 1 2 3'",
        "SEEN | ' 2'",
        "SEEN SUBJECT Meeting | ' 2'"})
    void searchWhileAnotherSessionExpungesStillSeesTheMessageAndSaysOk_rfc2180_4_3(String key, String hits) {
        assertEquals("* SEARCH" + hits + "\r\n" + FLAGS_OF_2 + "s OK SEARCH completed\r\n",
                racing("s SEARCH " + key));
        expungeAnnouncedByNoop();
    }

    @ParameterizedTest(name = "SEARCH {0}")
    @CsvSource(delimiter = '|', value = {
        "SUBJECT Meeting | ' 2'",
        "BODY room | ' 2'",
        "NOT TEXT room | ' 1 3'",
        "SENTSINCE 8-Feb-1994 | ' 2'",
        "SMALLER 100000 | ' 1 2 3'",
        // the flags it had when it was expunged
        "DELETED | ' 2'"})
    void searchAfterAnotherSessionExpungedStillSeesTheMessageAndSaysOk_rfc2180_4_3(String key, String hits) {
        bExpungesMessage2();
        assertEquals("* SEARCH" + hits + "\r\n" + FLAGS_OF_2 + "s OK SEARCH completed\r\n", run(a, "s SEARCH " + key));
        expungeAnnouncedByNoop();
    }

    @Test
    void esearchReturnOptionsCountTheMessagesTheClientStillNumbers_rfc4731() {
        assertEquals("* ESEARCH (TAG \"s\") MIN 1 MAX 3 ALL 1:3 COUNT 3\r\n" + FLAGS_OF_2
                + "s OK SEARCH completed\r\n", racing("s SEARCH RETURN (MIN MAX ALL COUNT) NOT BODY nothing"));
        expungeAnnouncedByNoop();
    }

    @Test
    void uidSearchIgnoresTheMessageAndMayAnnounceTheExpungeAtOnce_rfc9051_7_5_1() {
        assertEquals("* SEARCH 1 3\r\n* 2 FETCH (UID 2 FLAGS (\\Seen \\Deleted \\Recent))\r\n" + EXPUNGE_2
                + "u OK SEARCH completed\r\n", racing("u UID SEARCH NOT BODY room"));
        assertEquals("n OK NOOP completed\r\n", run(a, "n NOOP"));
    }

    @Test
    void copyWithAnExpungedMessageCopiesNothingAndSaysExpungeIssued_rfc2180_4_4() {
        bExpungesMessage2();
        assertEquals(FLAGS_OF_2 + EXPUNGE_2 + "c NO [EXPUNGEISSUED] Some messages were expunged by another session\r\n",
                run(a, "c COPY 1:3 Work"));
        assertEquals(0, fixture.fred.status("Work").messages());
        // Now A numbers the two remaining messages 1 and 2 and COPY works.
        assertEquals("c2 OK [COPYUID", run(a, "c2 COPY 1:2 Work").substring(0, 14));
        assertEquals(2, fixture.fred.status("Work").messages());
    }

    @Test
    void moveWithAnExpungedMessageMovesNothingAndSaysExpungeIssued_rfc2180_4_4() {
        bExpungesMessage2();
        assertEquals(FLAGS_OF_2 + EXPUNGE_2 + "m NO [EXPUNGEISSUED] Some messages were expunged by another session\r\n",
                run(a, "m MOVE 2:3 Work"));
        assertEquals(0, fixture.fred.status("Work").messages());
        assertEquals(2, fixture.fred.status("INBOX").messages());
    }

    @Test
    void copyRacingAnExpungeCopiesNothingAndSaysExpungeIssued_rfc9051_6_4_7() {
        // B expunges after A checked the messages, just before the store copies: still all or nothing.
        racing.beforeNextCall("copyAllTo", this::bExpungesMessage2);
        assertEquals(FLAGS_OF_2 + EXPUNGE_2 + "c NO [EXPUNGEISSUED] Some messages were expunged by another session\r\n",
                run(a, "c COPY 1:3 Work"));
        assertEquals(0, fixture.fred.status("Work").messages());
    }

    @Test
    void moveRacingAnExpungeMovesNothingAndSaysExpungeIssued_rfc6851_3_3() {
        racing.beforeNextCall("moveAllTo", this::bExpungesMessage2);
        assertEquals(FLAGS_OF_2 + EXPUNGE_2 + "m NO [EXPUNGEISSUED] Some messages were expunged by another session\r\n",
                run(a, "m MOVE 1:3 Work"));
        assertEquals(0, fixture.fred.status("Work").messages());
        assertEquals(2, fixture.fred.status("INBOX").messages());
        assertEquals("n OK NOOP completed\r\n", run(a, "n NOOP"), "the EXPUNGE was announced once");
    }

    @Test
    void uidCopyAndUidMoveIgnoreTheVanishedUid_rfc9051_6_4_9() {
        bExpungesMessage2();
        String copy = run(a, "c UID COPY 1:3 Work");
        String prefix = "* 2 FETCH (UID 2 FLAGS (\\Seen \\Deleted \\Recent))\r\n" + EXPUNGE_2 + "c OK [COPYUID ";
        assertEquals(prefix, copy.substring(0, prefix.length()));
        assertEquals(" 1,3 1:2] COPY completed\r\n", copy.substring(copy.indexOf(" 1,3 ")));
        String move = run(a, "m UID MOVE 2:3 Work");
        assertEquals("* OK [COPYUID ", move.substring(0, 14));
        assertEquals(" 3 3] Moved\r\n* 2 EXPUNGE\r\nm OK MOVE completed\r\n", move.substring(move.indexOf(" 3 3]")));
    }

    @Test
    void storeWithAnExpungedMessageStoresTheOthersAndSaysOk_rfc2180_4_2_1() {
        bExpungesMessage2();
        // message 2 is left as it was (no FETCH of its own): the STORE succeeds, as in Dovecot and Cyrus
        assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Recent))\r\n* 3 FETCH (FLAGS (\\Flagged \\Recent $Photos))\r\n" + FLAGS_OF_2
                + "s OK STORE completed\r\n",
                run(a, "s STORE 1:3 +FLAGS (\\Flagged)"));
        expungeAnnouncedByNoop();
    }

    @Test
    void uidStoreIgnoresTheVanishedUid_rfc9051_6_4_9() {
        bExpungesMessage2();
        assertEquals("* 1 FETCH (UID 1 FLAGS (\\Flagged \\Recent))\r\n* 3 FETCH (UID 3 FLAGS (\\Flagged \\Recent $Photos))\r\n"
                + "* 2 FETCH (UID 2 FLAGS (\\Seen \\Deleted \\Recent))\r\n" + EXPUNGE_2 + "s OK STORE completed\r\n",
                run(a, "s UID STORE 1:3 +FLAGS (\\Flagged)"));
    }

    @Test
    void fetchStillSendsTheExpungedMessageAndSaysOk_rfc2180_4_1_1() {
        bExpungesMessage2();
        assertEquals("* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n* 3 FETCH (UID 3)\r\n" + FLAGS_OF_2
                + "f OK FETCH completed\r\n",
                run(a, "f FETCH 1:3 (UID)"));
        expungeAnnouncedByNoop();
    }

    @Test
    void fetchServesTheWholeExpungedMessageUntilTheExpungeIsAnnounced_rfc2180_4_1_1() {
        String before = run(a, "f0 FETCH 2 (FLAGS RFC822.SIZE BODY.PEEK[])");
        bExpungesMessage2();
        // the same answer as before, then B's flag change (the EXPUNGE waits: RFC 9051 §7.5.1)
        String data = before.substring(0, before.indexOf("f0 OK"));
        assertEquals(data + FLAGS_OF_2 + "f1 OK FETCH completed\r\n", run(a, "f1 FETCH 2 (FLAGS RFC822.SIZE BODY.PEEK[])"));
        expungeAnnouncedByNoop();
        assertEquals("f2 BAD Invalid message sequence number\r\n", run(a, "f2 FETCH 3 BODY.PEEK[]"));
    }
}
