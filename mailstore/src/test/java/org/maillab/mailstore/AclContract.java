package org.maillab.mailstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.acl.AclAccount;

/**
 * Access control lists (RFC 4314) in the store, and the session view {@link AclAccount} that enforces
 * them: one suite for every store, beside {@link MailStoreContract}.
 */
public abstract class AclContract {

    static final Instant DATE = Instant.parse("2026-03-01T10:15:30Z");

    protected MailStore store;
    protected Account alice;
    protected Account bob;

    /** A new, empty store. */
    protected abstract MailStore newStore();

    /** The same data in a store opened again (a restart); the in-memory store returns itself. */
    protected MailStore reopen(MailStore store) {
        return store;
    }

    protected void dispose(MailStore store) {
        store.close();
    }

    @BeforeEach
    void setUp() {
        store = newStore();
        alice = store.createAccount("alice", "a", false);
        bob = store.createAccount("bob", "b", false);
        alice.create("Team");
    }

    @AfterEach
    void tearDown() {
        dispose(store);
    }

    static Rights rights(String letters) {
        return Rights.parse(letters).orElseThrow();
    }

    static void append(Account account, String mailbox, Flags flags) {
        account.append(mailbox, new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                flags, DATE);
    }

    Account bobsView() {
        return AclAccount.forUser(store, bob);
    }

    static Reason reason(Runnable action) {
        return assertThrows(MailStoreException.class, action::run).reason();
    }

    // ---- the store ----

    @Test
    void aNewMailboxListsOnlyItsOwnerWithAllRights() {
        assertEquals(Map.of("alice", Rights.ALL), alice.acl("Team"), "RFC 4314 §2: the owner's rights are fixed");
    }

    @Test
    void setAclStoresAnEntryAndEmptyRightsRemoveIt() {
        alice.setAcl("Team", "bob", rights("lr"));
        alice.setAcl("Team", "anyone", rights("l"));
        alice.setAcl("Team", "-bob", rights("w"));
        assertEquals(List.of("alice", "anyone", "bob", "-bob").stream().sorted().toList(),
                alice.acl("Team").keySet().stream().sorted().toList());
        assertEquals(rights("lr"), alice.acl("Team").get("bob"));
        alice.setAcl("Team", "bob", Rights.NONE);
        assertFalse(alice.acl("Team").containsKey("bob"), "RFC 4314 §3.2: DELETEACL removes the entry");
    }

    @Test
    void theOwnersEntryCannotBeChanged() {
        assertEquals(Reason.CANNOT, reason(() -> alice.setAcl("Team", "alice", rights("l"))));
        assertEquals(Rights.ALL, alice.requiredRights("Team", "alice"));
        assertEquals(Rights.NONE, alice.requiredRights("Team", "bob"));
    }

    @Test
    void malformedIdentifiersAreRefusedAndChangeNothing() {
        for (String id : new String[] {"", "-", "bo b", "../x", "--bob", "a/b"}) {
            assertEquals(Reason.INVALID_NAME, reason(() -> alice.setAcl("Team", id, rights("l"))), id);
        }
        assertEquals(Map.of("alice", Rights.ALL), alice.acl("Team"));
    }

    @Test
    void anAclOfAMailboxThatDoesNotExistIsRefused() {
        assertEquals(Reason.NONEXISTENT, reason(() -> alice.acl("Nope")));
        assertEquals(Reason.NONEXISTENT, reason(() -> alice.setAcl("Nope", "bob", rights("l"))));
    }

    @Test
    void renameCarriesTheAclsOfTheMailboxAndItsChildren() {
        alice.create("Team/Sub");
        alice.setAcl("Team", "bob", rights("lr"));
        alice.setAcl("Team/Sub", "bob", rights("lrs"));
        alice.rename("Team", "Crew");
        assertEquals(rights("lr"), alice.acl("Crew").get("bob"), "RFC 4314 §4: RENAME keeps the ACL");
        assertEquals(rights("lrs"), alice.acl("Crew/Sub").get("bob"));
        alice.create("Team");
        assertFalse(alice.acl("Team").containsKey("bob"));
    }

    @Test
    void deleteDropsTheAcl() {
        alice.setAcl("Team", "bob", rights("lr"));
        alice.delete("Team");
        alice.create("Team");
        assertEquals(Map.of("alice", Rights.ALL), alice.acl("Team"), "RFC 4314 §4: DELETE deletes the ACL");
    }

    @Test
    void aNewMailboxInheritsTheAclOfItsParent() {
        alice.setAcl("Team", "bob", rights("lrk"));
        alice.create("Team/New/Deeper");
        assertEquals(rights("lrk"), alice.acl("Team/New").get("bob"), "RFC 4314 §4, CREATE");
        assertEquals(rights("lrk"), alice.acl("Team/New/Deeper").get("bob"));
    }

    @Test
    void aclsSurviveARestart() {
        alice.setAcl("Team", "bob", rights("lrsd"));
        alice.setAcl("INBOX", "anyone", rights("p"));
        store = reopen(store);
        Account again = store.account("alice").orElseThrow();
        assertEquals(rights("lrset"), again.acl("Team").get("bob"));
        assertEquals(rights("p"), again.acl("INBOX").get("anyone"));
    }

    // ---- the session view ----

    @Test
    void anotherUsersMailboxIsInvisibleWithoutRights() {
        Account view = bobsView();
        assertTrue(view.list("*").stream().noneMatch(i -> i.name().startsWith("Other Users")));
        assertTrue(view.mailbox("Other Users/alice/Team").isEmpty());
        // RFC 4314 §6: the same answer as for a mailbox that does not exist
        assertEquals(Reason.NONEXISTENT, reason(() -> view.open("Other Users/alice/Team", false)));
        assertEquals(Reason.NONEXISTENT, reason(() -> view.open("Other Users/alice/Nothing", false)));
        assertEquals(Reason.NONEXISTENT, reason(() -> view.status("Other Users/alice/Team")));
        assertEquals(Reason.NONEXISTENT, reason(() -> view.myRights("Other Users/alice/Team")));
    }

    @Test
    void lookupShowsTheMailboxAndItsOwnerInList() {
        alice.setAcl("Team", "bob", rights("l"));
        Account view = bobsView();
        List<String> names = view.list("*").stream().map(MailboxInfo::name).toList();
        assertTrue(names.containsAll(List.of("Other Users", "Other Users/alice", "Other Users/alice/Team")), names.toString());
        assertEquals(List.of("Other Users/alice"), view.list("Other Users/%").stream().map(MailboxInfo::name).toList());
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.open("Other Users/alice/Team", false)),
                "visible, so NOPERM rather than nonexistent");
    }

    @Test
    void readRightOpensAndAReadOnlyRightSetOpensReadOnly() {
        append(alice, "Team", Flags.NONE);
        alice.setAcl("Team", "bob", rights("lr"));
        try (Mailbox m = bobsView().open("Other Users/alice/Team", false)) {
            assertTrue(m.readOnly(), "RFC 4314 §5.2: without i, e, s, w, t the mailbox is read-only");
            assertEquals(1, m.messages().size());
            assertEquals("Other Users/alice/Team", m.name());
        }
        alice.setAcl("Team", "bob", rights("lrs"));
        try (Mailbox m = bobsView().open("Other Users/alice/Team", false)) {
            assertFalse(m.readOnly());
        }
    }

    @Test
    void appendNeedsInsertAndKeepsOnlyFlagsTheRightsAllow() {
        alice.setAcl("Team", "bob", rights("li"));
        Account view = bobsView();
        append(view, "Other Users/alice/Team", new Flags(java.util.Set.of(SystemFlag.SEEN, SystemFlag.DELETED,
                SystemFlag.FLAGGED), java.util.Set.of("$Work")));
        try (Mailbox m = alice.open("Team", true)) {
            assertEquals(Flags.NONE, m.messages().get(0).flags(), "RFC 4314 §4: flags without rights are dropped");
        }
        alice.setAcl("Team", "bob", rights("lis"));
        append(view, "Other Users/alice/Team", Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED));
        try (Mailbox m = alice.open("Team", true)) {
            assertEquals(Flags.of(SystemFlag.SEEN), m.messages().get(1).flags());
        }
        alice.setAcl("Team", "bob", rights("lr"));
        assertEquals(Reason.NO_PERMISSION, reason(() -> append(view, "Other Users/alice/Team", Flags.NONE)));
    }

    @Test
    void storeChangesOnlyTheFlagsTheRightsCover() {
        append(alice, "Team", Flags.of(SystemFlag.FLAGGED));
        alice.setAcl("Team", "bob", rights("lrs"));
        try (Mailbox m = bobsView().open("Other Users/alice/Team", false)) {
            long uid = m.messages().get(0).uid();
            assertEquals(Reason.NO_PERMISSION, reason(() -> m.store(List.of(uid), FlagOp.ADD,
                    Flags.of(SystemFlag.DELETED))), "RFC 4314 §4: \\Deleted needs t");
            List<MessageInfo> after = m.store(List.of(uid), FlagOp.REPLACE, Flags.of(SystemFlag.SEEN));
            assertEquals(Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED), after.get(0).flags(),
                    "FLAGS replaces only what s covers; \\Flagged needs w and stays");
            assertEquals(Reason.NO_PERMISSION, reason(() -> m.expunge()), "EXPUNGE needs e");
        }
    }

    @Test
    void revokingReadCutsOffASelectedView() {
        append(alice, "Team", Flags.NONE);
        alice.setAcl("Team", "bob", rights("lr"));
        List<MailboxEvent> seen = new ArrayList<>();
        try (Mailbox m = bobsView().open("Other Users/alice/Team", false)) {
            m.setListener(seen::add);
            append(alice, "Team", Flags.NONE);
            assertEquals(1, seen.size());
            alice.setAcl("Team", "bob", rights("l"));
            append(alice, "Team", Flags.NONE);
            assertEquals(1, seen.size(), "no news of the mailbox after the revoke");
            assertEquals(Reason.NO_PERMISSION, reason(() -> m.messages()));
            alice.setAcl("Team", "bob", rights("lr"));
            assertEquals(Reason.NO_PERMISSION, reason(() -> m.messages()), "cut off until selected again");
        }
    }

    @Test
    void createAndDeleteFollowKAndX() {
        Account view = bobsView();
        alice.setAcl("Team", "bob", rights("l"));
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.create("Other Users/alice/Team/Mine")));
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.create("Other Users/alice/Top")),
                "no parent: only the owner creates at the top");
        alice.setAcl("Team", "bob", rights("lrkx"));
        view.create("Other Users/alice/Team/Mine");
        assertTrue(alice.mailbox("Team/Mine").isPresent());
        assertEquals(rights("lrkx"), view.myRights("Other Users/alice/Team/Mine"), "inherited from Team");
        view.rename("Other Users/alice/Team/Mine", "Other Users/alice/Team/Ours");
        assertTrue(alice.mailbox("Team/Ours").isPresent());
        assertEquals(Reason.CANNOT, reason(() -> view.rename("Other Users/alice/Team/Ours", "Stolen")));
        view.delete("Other Users/alice/Team/Ours");
        assertTrue(alice.mailbox("Team/Ours").isEmpty());
        assertEquals(Reason.NONEXISTENT, reason(() -> view.delete("Other Users/alice/INBOX")),
                "RFC 4314 §6: no rights at all, so it is not there for bob");
    }

    @Test
    void copyIntoAnotherUsersMailboxNeedsInsertThere() {
        append(bob, "INBOX", Flags.of(SystemFlag.SEEN));
        Account view = bobsView();
        try (Mailbox inbox = view.open("INBOX", false)) {
            long uid = inbox.messages().get(0).uid();
            assertEquals(Reason.NONEXISTENT, reason(() -> inbox.copyTo(List.of(uid), "Other Users/alice/Team")));
            alice.setAcl("Team", "bob", rights("i"));
            CopyResult r = inbox.copyTo(List.of(uid), "Other Users/alice/Team");
            assertEquals(List.of(uid), r.sourceUids());
            r = inbox.moveTo(List.of(uid), "Other Users/alice/Team");
            assertEquals(1, r.targetUids().size());
            assertTrue(inbox.messages().isEmpty(), "the move expunged the original");
        }
        try (Mailbox team = alice.open("Team", true)) {
            assertEquals(2, team.messages().size());
            assertEquals(Flags.NONE, team.messages().get(0).flags(), "\\Seen needs s in the target");
        }
    }

    @Test
    void aclCommandsNeedAdminister() {
        alice.setAcl("Team", "bob", rights("lr"));
        Account view = bobsView();
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.acl("Other Users/alice/Team")));
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.setAcl("Other Users/alice/Team", "bob", Rights.ALL)));
        assertEquals(rights("lr"), alice.acl("Team").get("bob"), "nothing changed");
        alice.setAcl("Team", "bob", rights("lra"));
        view.setAcl("Other Users/alice/Team", "anyone", rights("l"));
        assertEquals(rights("l"), alice.acl("Team").get("anyone"));
        assertEquals(Reason.CANNOT, reason(() -> view.setAcl("Other Users/alice/Team", "alice", Rights.NONE)));
    }

    @Test
    void negativeRightsAndAnyoneCombine() {
        alice.setAcl("Team", "anyone", rights("lrw"));
        alice.setAcl("Team", "-bob", rights("w"));
        assertEquals(rights("lr"), bobsView().myRights("Other Users/alice/Team"), "RFC 4314 §2");
    }

    @Test
    void theSharedNamespaceShowsThePseudoAccountsMailboxes() {
        Account shared = store.createAccount("shared", "s", false);
        shared.create("Announcements");
        shared.setAcl("Announcements", "anyone", rights("lr"));
        Account view = bobsView();
        assertEquals(List.of("Shared", "Shared/Announcements"),
                view.list("Shared*").stream().map(MailboxInfo::name).toList());
        assertTrue(view.list("Other Users/*").isEmpty(), "the pseudo-account is not another user");
        assertEquals(rights("lr"), view.myRights("Shared/Announcements"));
    }

    @Test
    void aUserCannotCreateMailboxesInsideANamespaceRoot() {
        Account view = bobsView();
        assertEquals(Reason.CANNOT, reason(() -> view.create("Other Users")));
        // RFC 4314 §6: below a missing account the answer is the one below an existing account (issue 11)
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.create("Shared/Mine")), "no shared account here");
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.create("Other Users/nobody/Mine")));
        assertEquals(Reason.NO_PERMISSION, reason(() -> view.create("Other Users/alice/Mine")));
        assertTrue(bob.mailbox("Shared").isEmpty() && bob.mailbox("Other Users").isEmpty());
    }

    @Test
    void aCrossOwnerCopyOfAllOrNothingCopiesNothingWhenAMessageIsGone() {
        append(bob, "INBOX", Flags.NONE);
        alice.setAcl("Team", "bob", rights("li"));
        try (Mailbox inbox = bobsView().open("INBOX", false)) {
            long uid = inbox.messages().get(0).uid();
            assertEquals(Reason.NONEXISTENT, reason(() -> inbox.copyAllTo(List.of(uid, uid + 1),
                    "Other Users/alice/Team")), "RFC 9051 §6.4.7: all or nothing");
            assertEquals(0, alice.status("Team").messages());
            CopyResult r = inbox.copyTo(List.of(uid, uid + 1), "Other Users/alice/Team");
            assertEquals(List.of(uid), r.sourceUids(), "UID COPY skips what is gone (RFC 9051 §6.4.9)");
            assertEquals(1, alice.status("Team").messages());
        }
    }
}
