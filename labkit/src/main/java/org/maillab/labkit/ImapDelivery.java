package org.maillab.labkit;

import java.io.IOException;
import java.util.List;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.codec.Literal;

/** {@code --deliver imap://HOST:PORT}: APPEND to INBOX with the same login as the POP3 checks. */
public final class ImapDelivery implements Delivery {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public ImapDelivery(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    @Override
    public void deliver(byte[] message) throws IOException {
        try (ImapClient imap = ImapClient.connect(host, port)) {
            imap.login(user, password);
            imap.append("INBOX", List.of(), Literal.of(message));
            imap.logout();
        } catch (RuntimeException e) {
            // ImapClient reports NO/BAD and I/O trouble unchecked
            throw new IOException("IMAP APPEND to " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }
}
