package org.maillab.imap.resync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.resync.ResyncScenario.Change;
import org.maillab.imap.resync.ResyncScenario.ClientState;
import org.maillab.imap.resync.ResyncScenario.Mail;
import org.maillab.imap.resync.ResyncScenario.Method;
import org.maillab.imap.resync.ResyncScenario.Outcome;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;

/**
 * {@link QresyncBenchmark}'s scenario at small scale, against MailLab's server on a Maildir: 500
 * messages, a client that synchronised and went away, 20 changes by another session (flags, expunges,
 * appends), then the client's return. Whichever way it catches up, it must arrive at the state a full
 * sync shows (RFC 7162 §3.2.5.1: "the result ... is semantically equivalent to" UID FETCH FLAGS
 * CHANGEDSINCE VANISHED), and QRESYNC must cost fewer octets than the full resync.
 */
class QresyncResyncTest {

    private static final int MESSAGES = 500;
    private static final int CHANGES = 20;

    @TempDir
    Path dir;
    private MailStore store;
    private ImapServer server;
    private int port;
    private List<Mail> arriving;

    @BeforeEach
    void startServerOnAGeneratedMaildir() throws Exception {
        List<Mail> mail = ResyncScenario.mailbox(MESSAGES + CHANGES, 7162);
        arriving = mail.subList(MESSAGES, mail.size());
        store = MaildirStore.open(dir, MaildirStore.Options.defaults().withFsync(false).withPbkdf2Iterations(1000));
        for (String user : List.of("alice", "bob")) {
            store.createAccount(user, ResyncScenario.PASSWORD, false);
            ResyncScenario.writeMaildir(dir.resolve(user), mail.subList(0, MESSAGES));
        }
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void everyWayOfCatchingUpArrivesAtTheFullSyncState_rfc7162_3_2_5_1() throws Exception {
        ClientState known = ResyncScenario.condstoreSync(port, "alice");
        assertEquals(MESSAGES, known.flags().size());
        List<Change> changes = ResyncScenario.plan(known, arriving, CHANGES, 3);
        ResyncScenario.apply(port, "alice", changes);
        ClientState now = ResyncScenario.condstoreSync(port, "alice");
        assertEquals(MESSAGES - 2 + 1, now.flags().size()); // 20 changes: 2 expunges, 1 append, 17 flag changes
        // one mod-sequence per changing command (RFC 7162 §3.1): an expunge is a STORE \Deleted and a UID EXPUNGE
        assertEquals(known.highestModSeq() + CHANGES + 2, now.highestModSeq());

        Outcome full = ResyncScenario.resync(port, "alice", known, Method.FULL);
        ResyncScenario.check("full", now, full, Method.FULL);
        for (Method m : List.of(Method.QRESYNC_KNOWN_UIDS, Method.QRESYNC)) {
            Outcome q = ResyncScenario.resync(port, "alice", known, m);
            ResyncScenario.check("qresync", now, q, m);
            assertEquals(2, q.vanishedReported(), m + ": VANISHED (EARLIER) names the two expunged UIDs");
            assertTrue(q.cost().received() * 5 < full.cost().received(),
                    m + " received " + q.cost().received() + " octets, the full resync " + full.cost().received());
        }
    }

    @Test
    void knownUidsKeepEarlierExpungesOutOfVanished_rfc7162_3_2_5_1() throws Exception {
        assertEquals(25, ResyncScenario.expungeEvery(port, "bob", 20));
        ClientState known = ResyncScenario.condstoreSync(port, "bob");
        assertEquals(MESSAGES - 25, known.flags().size());
        ResyncScenario.apply(port, "bob", ResyncScenario.plan(known, arriving, CHANGES, 3));
        ClientState now = ResyncScenario.condstoreSync(port, "bob");

        Outcome withKnownUids = ResyncScenario.resync(port, "bob", known, Method.QRESYNC_KNOWN_UIDS);
        ResyncScenario.check("known-uids", now, withKnownUids, Method.QRESYNC_KNOWN_UIDS);
        assertEquals(2, withKnownUids.vanishedReported());
        Outcome without = ResyncScenario.resync(port, "bob", known, Method.QRESYNC);
        ResyncScenario.check("no known-uids", now, without, Method.QRESYNC);
        // Without known UIDs too: the store remembers when each UID left, so the 25 expunged before the
        // client's mod-sequence are not named again (RFC 7162 §5.1 would allow it, at a cost in octets).
        assertEquals(2, without.vanishedReported());
    }
}
