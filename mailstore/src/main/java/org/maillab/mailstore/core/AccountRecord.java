package org.maillab.mailstore.core;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a storage keeps about an account besides its mail.
 *
 * @param passwordHash     a {@link PasswordHash} string
 * @param apopSecret       the password, readable, only for accounts that allow APOP (RFC 1939 §7)
 * @param storageLimit     quota on octets
 * @param messageLimit     quota on messages
 * @param lastUidValidity  the last UIDVALIDITY given to a mailbox of the account; the next one is higher
 */
public record AccountRecord(String passwordHash, Optional<String> apopSecret, OptionalLong storageLimit,
        OptionalLong messageLimit, long lastUidValidity) {

    public AccountRecord withPasswordHash(String hash, Optional<String> secret) {
        return new AccountRecord(hash, secret, storageLimit, messageLimit, lastUidValidity);
    }

    public AccountRecord withLimits(OptionalLong storage, OptionalLong messages) {
        return new AccountRecord(passwordHash, apopSecret, storage, messages, lastUidValidity);
    }

    public AccountRecord withLastUidValidity(long value) {
        return new AccountRecord(passwordHash, apopSecret, storageLimit, messageLimit, value);
    }
}
