package org.maillab.smtp.server;

import java.io.InputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.smtp.codec.Address;
import org.maillab.smtp.session.Envelope;
import org.maillab.smtp.session.SmtpBackend;

/**
 * Delivers into MailLab's {@link MailStore}: a recipient is an account whose name is the local part
 * (exactly, or in lower case), at one of the local domains; the message goes to its INBOX. The store's
 * append writes the message through Maildir's {@code tmp/} and renames it, with fsync when the store
 * has it on (the default), so {@link Verdict#ACCEPTED} means durably stored.
 */
public final class StoreBackend implements SmtpBackend {

    private final MailStore store;
    private final Set<String> localDomains;

    /**
     * @param localDomains the domains delivered here, compared case-insensitively; mail for any other
     *                     domain is refused as relaying
     */
    public StoreBackend(MailStore store, Set<String> localDomains) {
        this.store = store;
        this.localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public Optional<String> authenticate(String user, String password) {
        return store.authenticate(user, password).map(Account::name);
    }

    @Override
    public Verdict checkRecipient(Address recipient, long size) {
        // RFC 5321 §4.1.1.3: "<Postmaster>" without a domain is local by definition
        if (!recipient.domain().isEmpty() && !localDomains.contains(recipient.domainKey())) {
            return Verdict.NOT_LOCAL;
        }
        Optional<Account> account = account(recipient);
        if (account.isEmpty()) {
            return Verdict.NO_SUCH_USER;
        }
        return account.get().quota().allows(1, Math.max(0, size)) ? Verdict.ACCEPTED : Verdict.MAILBOX_FULL;
    }

    @Override
    public Verdict deliver(Envelope envelope, Address recipient, InputStream message, long size) {
        Optional<Account> account = account(recipient);
        if (account.isEmpty()) {
            return Verdict.NO_SUCH_USER;
        }
        try {
            account.get().append("INBOX", message, Flags.NONE, Instant.now());
            return Verdict.ACCEPTED;
        } catch (MailStoreException e) {
            return switch (e.reason()) {
                case OVER_QUOTA -> Verdict.MAILBOX_FULL;
                case NONEXISTENT -> Verdict.NO_SUCH_USER;
                default -> Verdict.TEMPORARY_FAILURE;
            };
        } catch (RuntimeException e) {
            return Verdict.TEMPORARY_FAILURE; // the store failed (disk full, I/O): the client retries later
        }
    }

    private Optional<Account> account(Address recipient) {
        String local = recipient.localPart();
        Optional<Account> exact = store.account(local);
        return exact.isPresent() ? exact : store.account(local.toLowerCase(Locale.ROOT));
    }
}
