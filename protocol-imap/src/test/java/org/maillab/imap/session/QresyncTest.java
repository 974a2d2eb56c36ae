package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;

/**
 * QRESYNC (RFC 7162 §3.2): one SELECT brings a client that remembers UIDVALIDITY and HIGHESTMODSEQ up to
 * date — VANISHED (EARLIER) for what was expunged, FETCH for what changed — and once enabled, expunges
 * are announced as VANISHED. Fixture INBOX: UIDs 1, 2, 3 with mod-sequences 1, 2, 3.
 */
class QresyncTest {

    private final Fixture fixture = new Fixture();
    private ImapSession other;
    private long uidValidity;

    private static String run(ImapSession s, String line) {
        StringBuilder sb = new StringBuilder();
        for (Response r : s.handle(CommandParser.parse(line)).responses()) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    /** The part of a SELECT answer after the fixed lines: what QRESYNC adds, and the tagged OK. */
    private static String afterList(String selectOutput) {
        return selectOutput.substring(selectOutput.indexOf("* LIST () \"/\" INBOX\r\n") + 21);
    }

    /** What {@code SELECT INBOX (QRESYNC (uidvalidity params))} adds after the fixed lines, and its OK. */
    private String qresyncSelect(ImapSession s, String tag, String params) {
        return afterList(run(s, tag + " SELECT INBOX (QRESYNC (" + uidValidity + " " + params + "))")).replace(
                "* OK [CLOSED] Previous mailbox closed\r\n", "");
    }

    private ImapSession qresyncClient() {
        ImapSession s = fixture.session();
        run(s, "a LOGIN fred secret");
        run(s, "b ENABLE IMAP4rev2");
        assertEquals("* ENABLED QRESYNC\r\nc OK ENABLE completed\r\n", run(s, "c ENABLE QRESYNC"));
        return s;
    }

    @BeforeEach
    void anotherSessionChangesTheMailbox() {
        uidValidity = fixture.fred.status("INBOX").uidValidity();
        other = fixture.session();
        run(other, "a LOGIN fred secret");
        run(other, "b SELECT INBOX");
        run(other, "c STORE 2 +FLAGS.SILENT (\\Deleted)"); // UID 2 -> modseq 4
        run(other, "d EXPUNGE");                           // UID 2 gone, modseq 5
        run(other, "e STORE 1 +FLAGS.SILENT (\\Answered)"); // UID 1 -> modseq 6
    }

    @Test
    void selectWithQresyncReportsVanishedAndChangedMessages_rfc7162_3_2_5() {
        ImapSession s = qresyncClient();
        String out = run(s, "s SELECT INBOX (QRESYNC (" + uidValidity + " 3))");
        assertEquals("* VANISHED (EARLIER) 2\r\n"
                + "* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\n"
                + "s OK [READ-WRITE] SELECT completed\r\n", afterList(out));
        // HIGHESTMODSEQ is part of the answer, so the client can remember it for next time
        assertEquals(true, out.contains("* OK [HIGHESTMODSEQ 6] Highest\r\n"));
    }

    @Test
    void knownUidsLimitTheReport_rfc7162_3_2_5_1() {
        ImapSession s = qresyncClient();
        assertEquals("* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\ns OK [READ-WRITE] SELECT completed\r\n",
                qresyncSelect(s, "s", "3 1,3 (1:2 1,3)"));
        // UID 2 left at mod-sequence 5: a client at 6 knew, so nothing vanished for it
        assertEquals("t OK [READ-WRITE] SELECT completed\r\n", qresyncSelect(s, "t", "6 2:3"));
        assertEquals("* VANISHED (EARLIER) 2\r\nu OK [READ-WRITE] SELECT completed\r\n",
                qresyncSelect(s, "u", "4 2:3"));
    }

    @Test
    void onlyUidsExpungedAfterTheClientsModSeqAreReported_rfc7162_3_2_5_1() {
        ImapSession s = qresyncClient();
        // UID 2 was expunged at mod-sequence 5, UID 1 changed at 6: a client at 5 learns only of UID 1
        assertEquals("* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\ns OK [READ-WRITE] SELECT completed\r\n",
                qresyncSelect(s, "s", "5"));
        assertEquals("* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\nf OK FETCH completed\r\n",
                run(s, "f UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5 VANISHED)")); // §3.2.6 likewise
        assertEquals("* VANISHED (EARLIER) 2\r\n* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\n"
                + "g OK FETCH completed\r\n", run(s, "g UID FETCH 1:* (FLAGS) (CHANGEDSINCE 4 VANISHED)"));
    }

    @Test
    void aDifferentUidValidityMeansNoResync_rfc7162_3_2_5() {
        ImapSession s = qresyncClient();
        assertEquals("s OK [READ-WRITE] SELECT completed\r\n",
                afterList(run(s, "s SELECT INBOX (QRESYNC (" + (uidValidity + 1) + " 3))")));
    }

    @Test
    void qresyncNeedsEnableFirst_rfc7162_3_2_5() {
        ImapSession s = fixture.session();
        run(s, "a LOGIN fred secret");
        assertEquals("s BAD QRESYNC parameter without ENABLE QRESYNC\r\n",
                run(s, "s SELECT INBOX (QRESYNC (" + uidValidity + " 3))"));
        run(s, "t SELECT INBOX");
        assertEquals("u BAD VANISHED without ENABLE QRESYNC\r\n", run(s, "u UID FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)"));
    }

    @Test
    void uidFetchVanishedReportsExpungedUids_rfc7162_3_2_6() {
        ImapSession s = qresyncClient();
        run(s, "s SELECT INBOX");
        assertEquals("* VANISHED (EARLIER) 2\r\n"
                + "* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\n"
                + "f OK FETCH completed\r\n", run(s, "f UID FETCH 1:* (FLAGS) (CHANGEDSINCE 3 VANISHED)"));
        assertEquals("g BAD Syntax error: VANISHED needs UID FETCH and CHANGEDSINCE\r\n",
                run(s, "g FETCH 1:* (FLAGS) (CHANGEDSINCE 3 VANISHED)"));
    }

    @Test
    void expungesAreAnnouncedAsVanishedAndFetchCarriesUid_rfc7162_3_2_10() {
        ImapSession s = qresyncClient();
        run(s, "s SELECT INBOX");
        assertEquals("* 1 FETCH (UID 1 MODSEQ (6) FLAGS (\\Answered))\r\nf OK FETCH completed\r\n",
                run(s, "f FETCH 1 (FLAGS)"));
        run(other, "f STORE 1:2 +FLAGS.SILENT (\\Deleted)"); // UIDs 1 and 3
        assertEquals("* 1 FETCH (UID 1 MODSEQ (7) FLAGS (\\Answered \\Deleted))\r\n"
                + "* 2 FETCH (UID 3 MODSEQ (8) FLAGS (\\Flagged \\Deleted $Photos))\r\n"
                + "n OK NOOP completed\r\n", run(s, "n NOOP"));
        assertEquals("* VANISHED 1\r\nx OK EXPUNGE completed\r\n", run(s, "x UID EXPUNGE 1"));
        run(other, "g EXPUNGE");
        assertEquals("* VANISHED 3\r\ny OK NOOP completed\r\n", run(s, "y NOOP"));
    }
}
