package org.maillab.smtp.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.maillab.smtp.codec.Address;

/**
 * Where an SMTP session's mail goes, and who may log in: the one boundary between the protocol engine
 * and storage (the shape of go-smtp's Backend). The session never sees a store; the server binds a
 * {@code StoreBackend} over MailLab's mail store, and a test may bind anything.
 *
 * <p>Calls come from one session at a time per connection, and from many connections at once.
 */
public interface SmtpBackend {

    /** AUTH (RFC 4954): the account name if {@code user} and {@code password} match; empty otherwise. */
    Optional<String> authenticate(String user, String password);

    /**
     * Whether mail for {@code recipient} is accepted here: at RCPT ({@code size} is the client's SIZE=
     * declaration, or -1) and again once the message is complete (its real size).
     */
    Verdict checkRecipient(Address recipient, long size);

    /**
     * Stores {@code message} (the whole message, trace field included, {@code size} octets) for one
     * recipient. {@link Verdict#ACCEPTED} promises the message is durably stored: the session answers 250
     * on it (RFC 5321 §4.1.1.4, §6.1).
     */
    Verdict deliver(Envelope envelope, Address recipient, InputStream message, long size) throws IOException;

    /** What the backend says about a recipient or a delivery; the session turns it into the RFC reply. */
    enum Verdict {
        /** Accepted (RCPT) or durably stored (delivery). */
        ACCEPTED,
        /** The domain is not one this server delivers to: relaying is refused (550 5.7.1). */
        NOT_LOCAL,
        /** No such user here (550 5.1.1, RFC 3463). */
        NO_SUCH_USER,
        /** The mailbox is over its quota (452 4.2.2 at RCPT, 552 5.2.2 for the message). */
        MAILBOX_FULL,
        /** The store failed; try again later (451 4.3.0). */
        TEMPORARY_FAILURE
    }
}
