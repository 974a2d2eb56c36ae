package org.maillab.mailstore;

import java.time.Instant;

/**
 * What a store knows about one message without reading it.
 *
 * @param uid          unique within the mailbox for its UIDVALIDITY, strictly ascending, never reused
 * @param flags        the stored flags
 * @param internalDate when the message arrived (RFC 9051 §2.3.3), or the date APPEND gave
 * @param size         octets of the content in canonical CRLF form
 * @param modSeq       the mailbox modification sequence of this message's last change (RFC 7162)
 */
public record MessageInfo(long uid, Flags flags, Instant internalDate, long size, long modSeq) {
}
