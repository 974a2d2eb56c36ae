package org.maillab.imap.server;

import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/** How the Angus Mail interop tests connect Jakarta Mail's IMAP provider to a server on loopback. */
final class AngusConnections {

    private AngusConnections() {
    }

    /** Logs {@code user} in to {@code server} on 127.0.0.1, with extra session properties (e.g. to enable COMPRESS, or a socket factory object). */
    static IMAPStore connect(ImapServer server, String user, String password, Map<String, ?> extra)
            throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(server.port().orElseThrow()));
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "20000");
        p.putAll(extra);
        Store s = Session.getInstance(p).getStore("imap");
        s.connect(user, password);
        return (IMAPStore) s;
    }

    static IMAPStore connect(ImapServer server, String user, String password) throws Exception {
        return connect(server, user, password, Map.of());
    }
}
