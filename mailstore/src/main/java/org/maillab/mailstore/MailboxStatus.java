package org.maillab.mailstore;

/**
 * Counts for STATUS (RFC 9051 §6.3.11) and POP3 STAT, taken at one moment.
 *
 * @param messages      number of messages
 * @param recent        messages no session has seen as \Recent yet (RFC 3501 only)
 * @param unseen        messages without \Seen
 * @param deleted       messages with \Deleted
 * @param size          sum of message sizes in octets
 * @param uidNext       the UID the next message will get
 * @param uidValidity   the mailbox's UIDVALIDITY
 * @param highestModSeq the mailbox's highest modification sequence
 */
public record MailboxStatus(long messages, long recent, long unseen, long deleted, long size,
        long uidNext, long uidValidity, long highestModSeq) {
}
