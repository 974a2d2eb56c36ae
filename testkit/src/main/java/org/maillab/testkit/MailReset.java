package org.maillab.testkit;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailboxInfo;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;

/** Empties every account of a store through the store's own API, so both stores reset the same way. */
final class MailReset {

    private MailReset() {
    }

    static void empty(MailStore store) {
        for (String name : store.accountNames()) {
            empty(store.account(name).orElseThrow());
        }
    }

    private static void empty(Account account) {
        // Children sort after their parents, so in reverse order a mailbox goes before its parent and
        // no \Noselect parent is left behind (RFC 9051 §6.3.5).
        List<MailboxInfo> mailboxes = account.list("*").stream()
                .filter(m -> !m.name().equalsIgnoreCase("INBOX"))
                .sorted(Comparator.comparing(MailboxInfo::name).reversed())
                .toList();
        mailboxes.forEach(m -> account.delete(m.name()));
        account.subscriptions().forEach(account::unsubscribe);
        try (Mailbox inbox = account.open("INBOX", false)) {
            List<Long> uids = inbox.messages().stream().map(MessageInfo::uid).toList();
            inbox.store(uids, FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            inbox.expunge();
        }
        account.setQuota(OptionalLong.empty(), OptionalLong.empty());
    }
}
