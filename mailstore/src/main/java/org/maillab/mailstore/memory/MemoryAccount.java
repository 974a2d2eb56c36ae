package org.maillab.mailstore.memory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.maillab.mailstore.SpecialUse;
import org.maillab.mailstore.core.AccountRecord;
import org.maillab.mailstore.core.AccountStorage;
import org.maillab.mailstore.core.MailboxNames;
import org.maillab.mailstore.core.MailboxStorage;

/** One account in memory. The engine serializes calls. */
final class MemoryAccount implements AccountStorage {

    private volatile AccountRecord record;
    private final Map<String, MemoryMailbox> mailboxes = new TreeMap<>();
    private final Map<String, Map<String, org.maillab.mailstore.Rights>> acls = new TreeMap<>();
    private Set<String> subscriptions = new TreeSet<>();
    private Map<String, SpecialUse> roles = new TreeMap<>();

    MemoryAccount(AccountRecord record, long inboxUidValidity) {
        this.record = record;
        mailboxes.put(MailboxNames.INBOX, new MemoryMailbox(inboxUidValidity));
    }

    @Override
    public AccountRecord readRecord() {
        return record;
    }

    @Override
    public void writeRecord(AccountRecord record) {
        this.record = record;
    }

    @Override
    public synchronized Set<String> mailboxNames() {
        return Set.copyOf(mailboxes.keySet());
    }

    @Override
    public synchronized void createMailbox(String name, long uidValidity) {
        mailboxes.put(name, new MemoryMailbox(uidValidity));
    }

    @Override
    public synchronized void deleteMailbox(String name) {
        mailboxes.remove(name);
        acls.remove(name);
    }

    @Override
    public synchronized void renameMailbox(String from, String to) {
        mailboxes.put(to, mailboxes.remove(from));
        Map<String, org.maillab.mailstore.Rights> acl = acls.remove(from);
        if (acl != null) {
            acls.put(to, acl);
        }
    }

    @Override
    public synchronized Map<String, org.maillab.mailstore.Rights> readAcl(String name) {
        return acls.getOrDefault(name, Map.of());
    }

    @Override
    public synchronized void writeAcl(String name, Map<String, org.maillab.mailstore.Rights> acl) {
        acls.put(name, Map.copyOf(acl));
    }

    @Override
    public synchronized Set<String> readSubscriptions() {
        return Set.copyOf(subscriptions);
    }

    @Override
    public synchronized void writeSubscriptions(Set<String> names) {
        subscriptions = new TreeSet<>(names);
    }

    @Override
    public synchronized Map<String, SpecialUse> readSpecialUse() {
        return Map.copyOf(roles);
    }

    @Override
    public synchronized void writeSpecialUse(Map<String, SpecialUse> roles) {
        this.roles = new TreeMap<>(roles);
    }

    @Override
    public synchronized MailboxStorage mailbox(String name) {
        return mailboxes.get(name);
    }

    @Override
    public Optional<AutoCloseable> lockMaildrop() {
        // one process: the engine's lock is the whole story
        return Optional.of(() -> { });
    }
}
