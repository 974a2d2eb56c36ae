package org.maillab.mailstore.core;

import java.util.List;

/**
 * The storage SPI under {@link StoreEngine}: where accounts, mailboxes and messages are kept, and
 * nothing else. All semantics (names, UIDs, modification sequences, \Recent, quota, locks, events)
 * live in the engine, so the in-memory and the Maildir store cannot drift apart.
 *
 * <p>The engine calls a storage under its own locks: per account for the mailbox tree, per mailbox
 * for messages. Implementations need no locking of their own beyond that.
 */
public interface StoreStorage extends AutoCloseable {

    /** Names of the accounts that exist. */
    List<String> accountNames();

    boolean accountExists(String name);

    /** Creates an account with an empty INBOX whose UIDVALIDITY is {@code inboxUidValidity}. */
    AccountStorage createAccount(String name, AccountRecord record, long inboxUidValidity);

    /** An existing account's storage. */
    AccountStorage account(String name);

    @Override
    void close();
}
