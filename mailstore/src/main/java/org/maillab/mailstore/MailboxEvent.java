package org.maillab.mailstore;

/**
 * A change to a mailbox, published to every other open view of it after the change is durable.
 * IMAP sessions turn these into untagged EXISTS, FETCH FLAGS and EXPUNGE (or VANISHED) responses
 * at the moments RFC 9051 §7 allows; the events arrive in the order the changes were made.
 */
public sealed interface MailboxEvent {

    /** The mailbox modification sequence this change produced. */
    long modSeq();

    /** A message was added (APPEND, COPY, MOVE, delivery, or found on disk). */
    record MessageAdded(MessageInfo message) implements MailboxEvent {
        @Override
        public long modSeq() {
            return message.modSeq();
        }
    }

    /** A message's flags changed; {@code message} carries the new flags. */
    record FlagsChanged(MessageInfo message) implements MailboxEvent {
        @Override
        public long modSeq() {
            return message.modSeq();
        }
    }

    /** A message was expunged. */
    record MessageExpunged(long uid, long modSeq) implements MailboxEvent {
    }
}
