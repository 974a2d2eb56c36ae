package org.maillab.mailstore;

import java.util.OptionalLong;

/**
 * An account's quota (RFC 9208 STORAGE and MESSAGE resources) and what it uses now.
 *
 * @param storageLimit octets the account may hold in all its mailboxes; empty means unlimited
 * @param messageLimit messages the account may hold; empty means unlimited
 * @param storageUsed  octets held now
 * @param messagesUsed messages held now
 */
public record Quota(OptionalLong storageLimit, OptionalLong messageLimit, long storageUsed, long messagesUsed) {

    /** Whether adding {@code messages} messages of {@code octets} in total stays within the limits. */
    public boolean allows(long messages, long octets) {
        boolean storageOk = storageLimit.isEmpty() || storageUsed + octets <= storageLimit.getAsLong();
        boolean countOk = messageLimit.isEmpty() || messagesUsed + messages <= messageLimit.getAsLong();
        return storageOk && countOk;
    }
}
