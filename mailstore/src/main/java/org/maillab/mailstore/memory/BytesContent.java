package org.maillab.mailstore.memory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.maillab.mailstore.MessageContent;

/** Content held in an array (already canonical). */
record BytesContent(byte[] bytes) implements MessageContent {

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        int start = (int) Math.min(offset, bytes.length);
        int len = (int) Math.min(length, bytes.length - start);
        return new ByteArrayInputStream(bytes, start, len);
    }
}
