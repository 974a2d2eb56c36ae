package org.maillab.imap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.Rights;
import org.maillab.mailstore.SystemFlag;

/**
 * The ACL extension (RFC 4314) command by command: fred owns the fixture's mail, bob is another user.
 * Each test cites the section whose rule it checks.
 */
class AclSessionTest {

    private static final String WORK = "\"Other Users/fred/Work\"";

    private final Fixture fixture = new Fixture();
    private Account bobAccount;
    private ImapSession fred;
    private ImapSession bob;

    @BeforeEach
    void logIn() {
        bobAccount = fixture.store.createAccount("bob", "pw", false);
        fixture.append("Work", Fixture.MESSAGE_1, Flags.of(SystemFlag.FLAGGED), "2026-01-01T10:00:00Z");
        fred = fixture.session();
        bob = fixture.session();
        assertTrue(run(fred, "f0 LOGIN fred secret").startsWith("f0 OK"));
        assertTrue(run(bob, "b0 LOGIN bob pw").startsWith("b0 OK"));
    }

    static String run(ImapSession s, String line) {
        StringBuilder sb = new StringBuilder();
        for (Response r : s.handle(CommandParser.parse(line)).responses()) {
            sb.append(ResponseFormatter.format(r).text());
        }
        return sb.toString();
    }

    private void grant(String rights) {
        assertTrue(run(fred, "g SETACL Work bob " + rights).startsWith("g OK"), rights);
    }

    private Flags workFlags() {
        try (Mailbox m = fixture.fred.open("Work", true)) {
            return m.messages().get(0).flags();
        }
    }

    // ---- the commands (RFC 4314 §3) ----

    @Test
    void capabilityAdvertisesAclAndTheExtraRights_rfc4314_5_1_1() {
        assertTrue(fred.capabilities().containsAll(List.of("ACL", "RIGHTS=kxte")));
    }

    @Test
    void namespaceListsPersonalOtherUsersAndShared_rfc2342_5() {
        assertEquals("* NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\")) ((\"Shared/\" \"/\"))\r\n"
                + "n OK NAMESPACE completed\r\n", run(bob, "n NAMESPACE"));
    }

    @Test
    void getAclShowsTheOwnerWithAllRightsAndCAndD_rfc4314_3_3_and_2_1_1() {
        assertEquals("* ACL Work fred lrswipkxteacd\r\na OK GETACL completed\r\n", run(fred, "a GETACL Work"));
    }

    @Test
    void setAclReplacesAddsAndRemoves_rfc4314_3_1() {
        assertEquals("a OK SETACL completed\r\n", run(fred, "a SETACL Work bob lr"));
        assertEquals("b OK SETACL completed\r\n", run(fred, "b SETACL Work bob +sd"));
        assertEquals("* ACL Work fred lrswipkxteacd bob lrsted\r\nc OK GETACL completed\r\n",
                run(fred, "c GETACL Work"));
        assertEquals("d OK SETACL completed\r\n", run(fred, "d SETACL Work bob -rt"));
        assertEquals("* ACL Work fred lrswipkxteacd bob lsed\r\ne OK GETACL completed\r\n",
                run(fred, "e GETACL Work"));
        assertEquals("f OK SETACL completed\r\n", run(fred, "f SETACL Work bob c"));
        assertEquals(Rights.parse("kx").orElseThrow(), fixture.fred.acl("Work").get("bob"),
                "RFC 4314 §2.1.1: c is k and x");
    }

    @Test
    void anUnknownRightIsBadAndChangesNothing_rfc4314_3_1() {
        grant("lr");
        assertTrue(run(fred, "a SETACL Work bob lrz").startsWith("a BAD"));
        assertTrue(run(fred, "b SETACL Work bob +X").startsWith("b BAD"), "uppercase rights are not allowed (§2)");
        assertTrue(run(fred, "c SETACL Work bob 1").startsWith("c BAD"), "no implementation rights here");
        assertEquals(Map.of("fred", Rights.ALL, "bob", Rights.parse("lr").orElseThrow()), fixture.fred.acl("Work"));
    }

    @Test
    void aMalformedIdentifierIsBad_rfc4314_3() {
        assertEquals("a BAD Malformed identifier\r\n", run(fred, "a SETACL Work \"\" lr"));
        assertEquals("b BAD Malformed identifier\r\n", run(fred, "b DELETEACL Work \"bo b\""));
        assertEquals("c BAD Malformed identifier\r\n", run(fred, "c LISTRIGHTS Work --x"));
        assertEquals(1, fixture.fred.acl("Work").size());
    }

    @Test
    void theOwnersRightsCannotBeChanged_rfc4314_2() {
        assertEquals("a NO [CANNOT] the owner's rights are fixed: all of them\r\n", run(fred, "a SETACL Work fred l"));
    }

    @Test
    void deleteAclRemovesTheEntryOnly_rfc4314_3_2() {
        grant("lr");
        assertEquals("g OK SETACL completed\r\n", run(fred, "g SETACL Work -bob r"));
        assertEquals("a OK DELETEACL completed\r\n", run(fred, "a DELETEACL Work bob"));
        assertEquals("* ACL Work fred lrswipkxteacd -bob r\r\nb OK GETACL completed\r\n", run(fred, "b GETACL Work"));
    }

    @Test
    void listRightsSaysWhatIsFixedAndWhatMayBeGranted_rfc4314_3_4() {
        assertEquals("* LISTRIGHTS Work bob \"\" l r s w i p k x t e a c d\r\na OK LISTRIGHTS completed\r\n",
                run(fred, "a LISTRIGHTS Work bob"));
        assertEquals("* LISTRIGHTS Work fred lrswipkxteacd\r\nb OK LISTRIGHTS completed\r\n",
                run(fred, "b LISTRIGHTS Work fred"));
    }

    @Test
    void myRightsReportsTheUsersRights_rfc4314_3_5() {
        assertEquals("* MYRIGHTS Work lrswipkxteacd\r\na OK MYRIGHTS completed\r\n", run(fred, "a MYRIGHTS Work"));
        grant("lrs");
        assertEquals("* MYRIGHTS " + WORK + " lrs\r\nb OK MYRIGHTS completed\r\n", run(bob, "b MYRIGHTS " + WORK));
    }

    @Test
    void aclCommandsOnAMailboxThatDoesNotExistSayNonexistent() {
        assertTrue(run(fred, "a GETACL Nope").startsWith("a NO [NONEXISTENT]"));
        assertTrue(run(fred, "b SETACL Nope bob l").startsWith("b NO [NONEXISTENT]"));
    }

    // ---- the rights each command needs (RFC 4314 §4) ----

    @Test
    void withoutAnyRightTheMailboxLooksNonexistent_rfc4314_6() {
        for (String cmd : List.of("SELECT " + WORK, "EXAMINE " + WORK, "STATUS " + WORK + " (MESSAGES)",
                "GETACL " + WORK, "SETACL " + WORK + " bob lr", "MYRIGHTS " + WORK, "DELETE " + WORK,
                "LISTRIGHTS " + WORK + " bob")) {
            assertTrue(run(bob, "x " + cmd).startsWith("x NO [NONEXISTENT]"), cmd);
        }
        assertEquals("* LIST (\\Noselect) \"/\" \"\"\r\nx OK LIST completed\r\n", run(bob, "x LIST \"\" \"\""));
        assertFalse(run(bob, "y LIST \"\" *").contains("Other Users"));
        assertEquals(1, fixture.fred.acl("Work").size(), "nothing changed");
    }

    @Test
    void lookupMakesItVisibleAndRefusalsSayNoperm_rfc4314_4() {
        grant("l");
        String list = run(bob, "a LIST \"\" \"Other Users/%\"");
        assertTrue(list.contains("\"Other Users/fred\""), list);
        assertTrue(run(bob, "b LIST \"\" \"Other Users/fred/*\"").contains("\"Other Users/fred/Work\""));
        assertTrue(run(bob, "c SELECT " + WORK).startsWith("c NO [NOPERM]"), "visible but not readable");
        assertTrue(run(bob, "d STATUS " + WORK + " (MESSAGES)").startsWith("d NO [NOPERM]"));
        assertTrue(run(bob, "e GETACL " + WORK).startsWith("e NO [NOPERM]"), "GETACL needs a");
        assertTrue(run(bob, "f SETACL " + WORK + " bob lra").startsWith("f NO [NOPERM]"), "SETACL needs a");
        assertEquals(Rights.parse("l").orElseThrow(), fixture.fred.acl("Work").get("bob"));
    }

    @Test
    void readAloneSelectsReadOnlyWithNoPermanentFlags_rfc4314_5_2() {
        grant("lr");
        String select = run(bob, "a SELECT " + WORK);
        assertTrue(select.contains("* OK [PERMANENTFLAGS ()]"), select);
        assertTrue(select.contains("a OK [READ-ONLY]"), select);
        String fetch = run(bob, "b FETCH 1 BODY[]");
        assertTrue(fetch.contains("b OK"), fetch);
        assertEquals(Flags.of(SystemFlag.FLAGGED), workFlags(), "FETCH BODY[] sets no \\Seen without s (§4)");
    }

    @Test
    void permanentFlagsReflectTheRights_rfc4314_5_1_1() {
        grant("lrs");
        String select = run(bob, "a SELECT " + WORK);
        assertTrue(select.contains("* OK [PERMANENTFLAGS (\\Seen)]"), select);
        assertTrue(select.contains("a OK [READ-WRITE]"), select);
        grant("lrswt");
        select = run(bob, "b SELECT " + WORK);
        assertTrue(select.contains("[PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)]"), select);
    }

    @Test
    void storeNeedsTheRightOfEachFlag_rfc4314_4() {
        grant("lrs");
        run(bob, "a SELECT " + WORK);
        assertTrue(run(bob, "b STORE 1 +FLAGS (\\Deleted)").startsWith("b NO [NOPERM]"), "\\Deleted needs t");
        assertTrue(run(bob, "c STORE 1 +FLAGS ($Keyword)").startsWith("c NO [NOPERM]"), "keywords need w");
        assertEquals(Flags.of(SystemFlag.FLAGGED), workFlags());
        String both = run(bob, "d STORE 1 +FLAGS (\\Seen \\Deleted)");
        assertTrue(both.contains("d OK"), "a STORE with one permitted flag does not fail: " + both);
        assertEquals(Flags.of(SystemFlag.FLAGGED, SystemFlag.SEEN), workFlags());
        run(bob, "e FETCH 1 BODY[]");
        assertTrue(run(bob, "f STORE 1 FLAGS ()").contains("f OK"));
        assertEquals(Flags.of(SystemFlag.FLAGGED), workFlags(), "FLAGS changes only \\Seen; \\Flagged stays");
    }

    @Test
    void expungeNeedsEAndCloseSkipsTheExpungeWithoutIt_rfc4314_4() {
        fixture.fred.setAcl("Work", "bob", Rights.parse("lrt").orElseThrow());
        run(bob, "a SELECT " + WORK);
        assertTrue(run(bob, "b STORE 1 +FLAGS (\\Deleted)").contains("b OK"));
        assertTrue(run(bob, "c EXPUNGE").startsWith("c NO [NOPERM]"));
        assertEquals("d OK CLOSE completed\r\n", run(bob, "d CLOSE"));
        assertTrue(workFlags().contains(SystemFlag.DELETED), "the message is still there");
        grant("lrte");
        run(bob, "e SELECT " + WORK);
        assertTrue(run(bob, "f EXPUNGE").contains("* 1 EXPUNGE"));
    }

    @Test
    void appendNeedsInsertAndDropsFlagsWithoutRights_rfc4314_4() {
        ImapConnection c = fixture.connection(SessionConfig.defaults());
        c.greeting();
        feed(c, "a LOGIN bob pw\r\n");
        grant("lr");
        assertTrue(feed(c, "b APPEND " + WORK + " (\\Seen) {7+}\r\nHi bob\n\r\n").startsWith("b NO [NOPERM]"));
        grant("li");
        String ok = feed(c, "c APPEND " + WORK + " (\\Seen \\Flagged) {7+}\r\nHi bob\n\r\n");
        assertTrue(ok.startsWith("c OK [APPENDUID"), ok);
        try (Mailbox m = fixture.fred.open("Work", true)) {
            assertEquals(2, m.messages().size());
            assertEquals(Flags.NONE, m.messages().get(1).flags());
        }
    }

    private static String feed(ImapConnection c, String s) {
        StringBuilder sb = new StringBuilder();
        for (org.maillab.imap.codec.Encoded e : c.onBytes(java.nio.ByteBuffer.wrap(
                s.getBytes(java.nio.charset.StandardCharsets.UTF_8))).output()) {
            sb.append(e.text());
        }
        return sb.toString();
    }

    @Test
    void copyNeedsInsertOnTheTargetAndMoveNeedsTAndEOnTheSource_rfc4314_4() {
        fixture.store.account("bob").orElseThrow().append("INBOX",
                new java.io.ByteArrayInputStream("Subject: b\r\n\r\nb\r\n".getBytes()), Flags.NONE, null);
        run(bob, "a SELECT INBOX");
        assertTrue(run(bob, "b COPY 1 " + WORK).startsWith("b NO [TRYCREATE]"), "invisible target");
        grant("l");
        assertTrue(run(bob, "c COPY 1 " + WORK).startsWith("c NO [NOPERM]"));
        grant("li");
        assertTrue(run(bob, "d COPY 1 " + WORK).contains("d OK [COPYUID"));
        grant("lri");
        assertTrue(run(bob, "e SELECT " + WORK).contains("e OK [READ-WRITE]"));
        assertTrue(run(bob, "f MOVE 1 INBOX").startsWith("f NO [NOPERM]"), "MOVE out needs t and e");
        grant("lrite");
        assertTrue(run(bob, "g MOVE 1 INBOX").contains("g OK"));
        assertEquals(2, bobAccount.status("INBOX").messages());
    }

    @Test
    void createDeleteAndRenameNeedKAndX_rfc4314_4() {
        grant("l");
        assertTrue(run(bob, "a CREATE \"Other Users/fred/Work/Bob\"").startsWith("a NO [NOPERM]"));
        grant("lk");
        assertEquals("b OK CREATE completed\r\n", run(bob, "b CREATE \"Other Users/fred/Work/Bob\""));
        assertTrue(run(bob, "c DELETE \"Other Users/fred/Work/Bob\"").startsWith("c NO [NOPERM]"),
                "inherited lk: no x");
        fixture.fred.setAcl("Work/Bob", "bob", Rights.parse("lkx").orElseThrow());
        assertTrue(run(bob, "d RENAME \"Other Users/fred/Work/Bob\" \"Other Users/fred/Work/Bobby\"")
                .startsWith("d OK"));
        assertTrue(run(bob, "e RENAME \"Other Users/fred/Work/Bobby\" Mine").startsWith("e NO [CANNOT]"));
        assertEquals("f OK DELETE completed\r\n", run(bob, "f DELETE \"Other Users/fred/Work/Bobby\""));
        assertTrue(fixture.fred.mailbox("Work/Bobby").isEmpty());
    }

    @Test
    void revokingReadWhileSelectedCutsTheSessionOff_rfc4314_5_1_1() {
        grant("lr");
        run(bob, "a SELECT " + WORK);
        assertTrue(run(bob, "b FETCH 1 FLAGS").contains("b OK"));
        assertEquals("c OK SETACL completed\r\n", run(fred, "c SETACL Work bob l"));
        fixture.append("Work", Fixture.MESSAGE_2, Flags.NONE, "2026-01-02T10:00:00Z");
        String noop = run(bob, "d NOOP");
        assertFalse(noop.contains("EXISTS"), "no news of the mailbox after the revoke: " + noop);
        assertTrue(run(bob, "e FETCH 1 BODY[]").startsWith("e NO [NOPERM]"));
        assertTrue(run(bob, "f SEARCH ALL").startsWith("f NO [NOPERM]"));
        assertEquals("g OK CLOSE completed\r\n", run(bob, "g CLOSE"));
        assertTrue(run(bob, "h SELECT " + WORK).startsWith("h NO [NOPERM]"));
    }

    @Test
    void theSharedNamespaceIsThePseudoAccountsMailboxes() {
        Account shared = fixture.store.createAccount("shared", "s", false);
        shared.create("News");
        shared.setAcl("News", "anyone", Rights.parse("lrs").orElseThrow());
        String list = run(bob, "a LIST \"\" \"Shared/*\"");
        assertTrue(list.contains("\"/\" Shared/News\r\n"), list);
        assertTrue(run(bob, "b SELECT Shared/News").contains("b OK [READ-WRITE]"));
        assertEquals("* MYRIGHTS Shared/News lrs\r\nc OK MYRIGHTS completed\r\n", run(fred, "c MYRIGHTS Shared/News"));
    }

    @Test
    void subscribeToAnotherUsersMailboxIsRefusedAndUnsubscribeNeedsNoRight_rfc4314_4() {
        grant("lr");
        assertTrue(run(bob, "a SUBSCRIBE " + WORK).startsWith("a NO [CANNOT]"), "kept for own mailboxes only");
        assertEquals("b OK UNSUBSCRIBE completed\r\n", run(bob, "b UNSUBSCRIBE " + WORK));
        fixture.fred.setAcl("Work", "bob", Rights.NONE);
        assertTrue(run(bob, "c SUBSCRIBE " + WORK).startsWith("c NO [NONEXISTENT]"));
    }

    @Test
    void examineNeedsReadAndIsAlwaysReadOnly_rfc4314_4() {
        grant("l");
        assertTrue(run(bob, "a EXAMINE " + WORK).contains("a NO [NOPERM]"));
        grant("lrswite");
        assertTrue(run(bob, "b EXAMINE " + WORK).contains("b OK [READ-ONLY]"));
    }

    @Test
    void theOwnersRenameCarriesTheAclSoBobFollowsTheFolder_rfc4314_4() {
        grant("lr");
        assertEquals("a OK RENAME completed\r\n", run(fred, "a RENAME Work Projects"));
        assertTrue(run(bob, "b SELECT \"Other Users/fred/Projects\"").contains("b OK [READ-ONLY]"));
        assertTrue(run(bob, "c SELECT " + WORK).contains("c NO [NONEXISTENT]"));
        assertEquals("d OK DELETE completed\r\n", run(fred, "d DELETE Projects"));
        assertEquals("e OK CREATE completed\r\n", run(fred, "e CREATE Projects"));
        assertTrue(run(bob, "f SELECT \"Other Users/fred/Projects\"").contains("f NO [NONEXISTENT]"),
                "DELETE dropped the ACL");
    }
}
