package org.maillab.imap.server;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.transcript.PrintStreamTranscript;

/**
 * A stand-alone IMAP server over an in-memory store, for trying IMAP by hand (docs/imap-by-hand.md)
 * until {@code maillab serve} carries IMAP: {@code --port N} (default 1143), {@code --user NAME:PASSWORD}
 * (default fred:secret, with three demo messages), {@code --trace} (print the wire transcript).
 * Loopback only.
 */
public final class ImapServerMain {

    private ImapServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 1143;
        String user = "fred:secret";
        boolean trace = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--user" -> user = args[++i];
                case "--trace" -> trace = true;
                default -> {
                    System.err.println("usage: ImapServerMain [--port N] [--user NAME:PASSWORD] [--trace]");
                    System.exit(2);
                }
            }
        }
        int colon = user.indexOf(':');
        MailStore store = new InMemoryStore();
        Account account = store.createAccount(user.substring(0, colon), user.substring(colon + 1), false);
        demoMail(account);
        ImapServerConfig config = ImapServerConfig.defaults().withPorts(port, -1);
        if (trace) {
            config = config.withTranscript(new PrintStreamTranscript(System.out));
        }
        try (ImapServer server = ImapServer.start(store, config)) {
            System.out.println("IMAP listening on 127.0.0.1:" + server.port().orElseThrow() + " as "
                    + account.name() + " (Ctrl-C stops)");
            new CountDownLatch(1).await();
        }
    }

    static void demoMail(Account account) {
        account.create("Drafts", SpecialUse.DRAFTS);
        account.create("Sent", SpecialUse.SENT);
        account.create("Work");
        put(account, "From: Alice <alice@example.org>\r\nTo: you@example.org\r\nSubject: Welcome to MailLab\r\n"
                + "Date: Mon, 5 Jan 2026 09:00:00 +0000\r\n\r\nHello! This is your first message.\r\n");
        put(account, "From: Bob <bob@example.org>\r\nTo: you@example.org\r\nSubject: Lunch?\r\n"
                + "Date: Tue, 6 Jan 2026 11:30:00 +0000\r\n\r\nNoon at the usual place?\r\n");
        put(account, "From: Carol <carol@example.org>\r\nTo: you@example.org\r\nSubject: Report\r\n"
                + "Date: Wed, 7 Jan 2026 16:45:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
                + "The report is attached.\r\n--b1\r\nContent-Type: text/csv; name=\"report.csv\"\r\n\r\n"
                + "month,mails\r\njan,42\r\n--b1--\r\n");
    }

    private static void put(Account account, String message) {
        account.append("INBOX", new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Flags.NONE,
                Instant.now());
    }
}
