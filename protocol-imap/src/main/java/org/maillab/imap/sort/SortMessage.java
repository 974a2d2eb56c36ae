package org.maillab.imap.sort;

/**
 * One message as SORT and THREAD see it.
 *
 * @param number   the number to answer with: the sequence number, or the UID for UID SORT / UID THREAD
 * @param sequence the sequence number, the final tie-breaker (RFC 5256 §3 and §2.2)
 * @param arrival  the internal date in epoch milliseconds
 * @param size     the size in octets
 * @param header   the fields read from the header
 */
public record SortMessage(long number, long sequence, long arrival, long size, SortHeader header) {

    /** The sent date (RFC 5256 §2.2): the Date field, or the internal date when it has none that parses. */
    public long sentDate() {
        return header.sentDate().orElse(arrival);
    }
}
