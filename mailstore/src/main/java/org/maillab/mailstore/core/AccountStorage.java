package org.maillab.mailstore.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.maillab.mailstore.Rights;
import org.maillab.mailstore.SpecialUse;

/** One account's storage: its record, its mailbox tree and its mailboxes. Names are canonical. */
public interface AccountStorage {

    AccountRecord readRecord();

    void writeRecord(AccountRecord record);

    /** The names of the selectable mailboxes, INBOX included. */
    Set<String> mailboxNames();

    /** Refuses a valid name this storage cannot represent ({@code INVALID_NAME}); default: none. */
    default void checkName(String name) {
    }

    void createMailbox(String name, long uidValidity);

    /** Removes a mailbox and its messages (views were told by the engine). */
    void deleteMailbox(String name);

    /** Renames one mailbox (not its children: the engine renames each). */
    void renameMailbox(String from, String to);

    Set<String> readSubscriptions();

    void writeSubscriptions(Set<String> names);

    Map<String, SpecialUse> readSpecialUse();

    void writeSpecialUse(Map<String, SpecialUse> roles);

    MailboxStorage mailbox(String name);

    /**
     * Takes the account's POP3 maildrop lock against other processes, if the storage can; empty if
     * someone else holds it. The engine has already excluded other sessions of this process.
     */
    Optional<AutoCloseable> lockMaildrop();

    /** A mailbox's stored ACL entries (RFC 4314), identifier to rights; empty if it has none. */
    Map<String, Rights> readAcl(String name);

    /**
     * Replaces a mailbox's ACL entries. They are kept with the mailbox: renaming it carries them,
     * deleting it drops them (RFC 4314 §4, DELETE and RENAME).
     */
    void writeAcl(String name, Map<String, Rights> acl);
}
