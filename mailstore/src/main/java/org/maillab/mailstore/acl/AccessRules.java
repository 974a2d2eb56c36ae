package org.maillab.mailstore.acl;

import java.util.Map;

import org.maillab.mailstore.Rights;
import org.maillab.mailstore.core.MailboxNames;

/** How identifiers and ACL entries combine into a user's rights (RFC 4314 §2). */
public final class AccessRules {

    /** The identifier of every user (RFC 4314 §2). */
    public static final String ANYONE = "anyone";

    private AccessRules() {
    }

    /**
     * Whether the identifier may appear in an ACL: {@code anyone} or an account name, either one
     * optionally prefixed with {@code -} for negative rights (RFC 4314 §2). Account names never start
     * with {@code -}, so the prefix is unambiguous.
     */
    public static boolean isValidIdentifier(String identifier) {
        if (identifier == null) {
            return false;
        }
        String positive = identifier.startsWith("-") ? identifier.substring(1) : identifier;
        if (positive.equals(ANYONE)) {
            return true;
        }
        try {
            MailboxNames.checkAccountName(positive);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The rights {@code user} has on a mailbox of {@code owner} with these entries. The owner has every
     * right, whatever the entries say (RFC 4314 §2 lets an implementation fix rights; an owner who
     * could lock himself out of his own mailbox helps nobody). Anyone else has the union of the
     * rights of {@code anyone} and of his name, minus the union of the negative rights of
     * {@code -anyone} and {@code -name}.
     */
    public static Rights effective(String owner, Map<String, Rights> entries, String user) {
        if (user.equals(owner)) {
            return Rights.ALL;
        }
        Rights granted = entries.getOrDefault(ANYONE, Rights.NONE)
                .union(entries.getOrDefault(user, Rights.NONE));
        Rights denied = entries.getOrDefault("-" + ANYONE, Rights.NONE)
                .union(entries.getOrDefault("-" + user, Rights.NONE));
        return granted.minus(denied);
    }
}
