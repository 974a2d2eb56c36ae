package org.maillab.mailstore;

import java.io.InputStream;

/**
 * A message's bytes, in canonical form (lines end CRLF). Opening reads from the store each time;
 * nothing is held in memory, so serving 100 bytes of a 10 MB message reads about 100 bytes.
 * A stream opened before the message is expunged stays readable until closed.
 */
public interface MessageContent {

    /** Octets in canonical form; equal to {@link MessageInfo#size()}. */
    long size();

    /** The whole message. The caller closes the stream. */
    InputStream open();

    /**
     * Bytes {@code [offset, offset + length)}, clipped to the message's end (an offset past the
     * end gives an empty stream), as IMAP partial fetch needs (RFC 9051 §6.4.5).
     */
    InputStream open(long offset, long length);
}
