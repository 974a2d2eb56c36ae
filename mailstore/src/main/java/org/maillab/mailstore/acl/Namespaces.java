package org.maillab.mailstore.acl;

/**
 * Where a session finds mailboxes that are not its own (RFC 2342): {@code otherUsers + "/" + owner +
 * "/" + mailbox} for another user's mailbox, {@code shared + "/" + mailbox} for a mailbox of the
 * pseudo-account {@code sharedAccount}. Everything else is the user's personal namespace.
 *
 * @param otherUsers    the other users' namespace root, without delimiter, e.g. {@code Other Users}
 * @param shared        the shared namespace root, without delimiter, e.g. {@code Shared}
 * @param sharedAccount the account whose mailboxes the shared namespace shows, e.g. {@code shared}
 */
public record Namespaces(String otherUsers, String shared, String sharedAccount) {

    /** Dovecot's default style: {@code Other Users/bob/...} and {@code Shared/...} from account {@code shared}. */
    public static final Namespaces DEFAULT = new Namespaces("Other Users", "Shared", "shared");
}
