package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/** python3's imaplib (helpers shared with {@link InteropTest}) as an RFC 4314 client (getacl, setacl, deleteacl, myrights, listrights), over loopback. */
class AclInteropTest {

    MailStore store;
    ImapServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        Account alice = store.createAccount("alice", "alice-pw", false);
        store.createAccount("bob", "bob-pw", false);
        alice.create("Team");
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void pythonImaplibReadsAndChangesAcls_rfc4314_3(@TempDir Path dir) throws Exception {
        String out = InteropTest.python(dir, port,
                "import imaplib, sys",
                "port = int(sys.argv[1])",
                "a = imaplib.IMAP4('127.0.0.1', port)",
                "print('caps', ' '.join(sorted(a.capabilities)))",
                "a.login('alice', 'alice-pw')",
                "print('setacl', a.setacl('Team', 'bob', 'lrs'))",
                "print('getacl', a.getacl('Team'))",
                "typ, data = a.xatom('LISTRIGHTS', 'Team', 'bob')  # imaplib has no listrights(): xatom sends it",
                "print('listrights', typ, a.response('LISTRIGHTS'))",
                "print('myrights', a.myrights('Team'))",
                "try:",
                "    a.setacl('Team', 'bob', 'lrZ')",
                "except imaplib.IMAP4.error as e:",
                "    print('bad right', e)",
                "b = imaplib.IMAP4('127.0.0.1', port)",
                "b.login('bob', 'bob-pw')",
                "print('bob myrights', b.myrights('\"Other Users/alice/Team\"'))",
                "print('bob list', b.list('\"\"', '\"Other Users/*\"'))",
                "print('bob select', b.select('\"Other Users/alice/Team\"'))",
                "print('bob getacl', b.getacl('\"Other Users/alice/Team\"'))",
                "print('deleteacl', a.deleteacl('Team', 'bob'))",
                "print('bob myrights after', b.myrights('\"Other Users/alice/Team\"'))",
                "a.logout()",
                "b.logout()");
        assertTrue(out.contains(" ACL ") && out.contains("RIGHTS=KXTE"), out); // imaplib upper-cases them
        assertTrue(out.contains("setacl ('OK', [b'SETACL completed'])"), out);
        assertTrue(out.contains("getacl ('OK', [b'Team alice lrswipkxteacd bob lrs'])"), out);
        assertTrue(out.contains("listrights OK ('LISTRIGHTS', [b'Team bob \"\" l r s w i p k x t e a c d'])"), out);
        assertTrue(out.contains("myrights ('OK', [b'Team lrswipkxteacd'])"), out);
        assertTrue(out.contains("bad right SETACL command error: BAD"), out);
        assertTrue(out.contains("bob myrights ('OK', [b'\"Other Users/alice/Team\" lrs'])"), out);
        assertTrue(out.contains("bob list ('OK', [b'(\\\\Noselect \\\\HasChildren) \"/\" \"Other Users/alice\"', "
                + "b'(\\\\HasNoChildren) \"/\" \"Other Users/alice/Team\"'])"), out);
        assertTrue(out.contains("bob select ('OK', [b'0'])"), out);
        assertTrue(out.contains("bob getacl ('NO', [b\"[NOPERM] the 'a' right"), out);
        assertTrue(out.contains("deleteacl ('OK', [b'DELETEACL completed'])"), out);
        assertTrue(out.contains("bob myrights after ('NO', [b'[NONEXISTENT]"), out);
    }
}
