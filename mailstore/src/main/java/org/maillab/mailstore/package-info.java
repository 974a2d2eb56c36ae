/**
 * The mail store: accounts, mailboxes and messages, protocol-neutral.
 *
 * <p>Start at {@link org.maillab.mailstore.MailStore}: it authenticates an {@link
 * org.maillab.mailstore.Account}, and an account is the only way to reach mail — its own, nothing
 * else. An account lists, creates, renames and deletes {@link org.maillab.mailstore.MailboxInfo
 * mailboxes} (a hierarchy with {@code /} as delimiter), appends messages, and opens a {@link
 * org.maillab.mailstore.Mailbox} view for a session. Views of one mailbox see each other's changes
 * as {@link org.maillab.mailstore.MailboxEvent events}. POP3 takes the exclusive {@link
 * org.maillab.mailstore.Maildrop} instead (RFC 1939 §8).
 *
 * <p>Message content is always the RFC 5322 message in canonical form, lines ending CRLF, readable
 * as a stream or as a byte range ({@link org.maillab.mailstore.MessageContent}); sizes count those
 * bytes, as POP3 octet counts and IMAP RFC822.SIZE require.
 *
 * <p>Errors the protocols answer ({@code -ERR}, {@code NO}) are a {@link
 * org.maillab.mailstore.MailStoreException} with a {@link org.maillab.mailstore.MailStoreException.Reason
 * Reason}; I/O failure is an {@link java.io.UncheckedIOException}.
 */
package org.maillab.mailstore;
