package org.maillab.imap.codec;

/** A partial range {@code <offset.length>} of a body section (RFC 9051 §6.4.5). */
public record Partial(long offset, long length) {
    public Partial {
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("partial needs offset >= 0 and length >= 1");
        }
    }
}
