package org.maillab.imap.session;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * The mail every session test starts from: user fred (password "secret") with three messages in INBOX,
 * and mailboxes Drafts (\Drafts), Work and Work/2026.
 */
final class Fixture {

    static final String MESSAGE_1 = "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n"
            + "From: Alice <alice@example.org>\r\n"
            + "To: fred@example.org\r\n"
            + "Subject: Hello\r\n"
            + "Message-ID: <1@example.org>\r\n"
            + "\r\n"
            + "Hi Fred.\r\n";
    static final String MESSAGE_2 = "Date: Tue, 8 Feb 1994 09:00:00 +0000\r\n"
            + "From: Bob <bob@example.org>\r\n"
            + "To: fred@example.org\r\n"
            + "Subject: Meeting tomorrow\r\n"
            + "\r\n"
            + "Tomorrow at ten, room 3.\r\n";
    static final String MESSAGE_3 = "From: carol@example.org\r\n"
            + "Subject: Photos\r\n"
            + "\r\n"
            + "Lots of photos.\r\n";

    final MailStore store = new InMemoryStore();
    final Account fred;

    Fixture() {
        fred = store.createAccount("fred", "secret", false);
        fred.create("Drafts", SpecialUse.DRAFTS);
        fred.create("Work/2026");
        fred.subscribe("Work");
        append("INBOX", MESSAGE_1, Flags.NONE, "2026-01-01T10:00:00Z");
        append("INBOX", MESSAGE_2, Flags.of(SystemFlag.SEEN), "2026-01-02T10:00:00Z");
        append("INBOX", MESSAGE_3, new Flags(Set.of(SystemFlag.FLAGGED), Set.of("$Photos")), "2026-01-03T10:00:00Z");
    }

    void append(String mailbox, String message, Flags flags, String date) {
        fred.append(mailbox, new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), flags,
                Instant.parse(date));
    }

    ImapSession session() {
        return new ImapSession(store, SessionConfig.defaults());
    }

    ImapConnection connection(SessionConfig config) {
        return new ImapConnection(new ImapSession(store, config),
                new Framer(Framer.Role.SERVER, FramerLimits.defaults(), LiteralSpooler.inMemory()));
    }
}
