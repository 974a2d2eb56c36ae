package org.maillab.pop3.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.maillab.pop3.codec.StatusLine;

/**
 * One reply as the client read it: the status line and, for a positive multi-line reply, the body
 * with dot-stuffing removed.
 */
public record Pop3Reply(StatusLine status, Optional<byte[]> body) {

    /** True for {@code +OK}. */
    public boolean ok() {
        return status.ok();
    }

    /** The body's lines without their CRLF (empty for a single-line reply). */
    public List<String> lines() {
        if (body.isEmpty() || body.get().length == 0) {
            return List.of();
        }
        String text = new String(body.get(), StandardCharsets.UTF_8);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        }
        return List.of(text.split("\r\n", -1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pop3Reply r && r.status.equals(status)
                && r.body.isPresent() == body.isPresent()
                && (body.isEmpty() || Arrays.equals(r.body.get(), body.get()));
    }

    @Override
    public int hashCode() {
        return status.hashCode() * 31 + body.map(Arrays::hashCode).orElse(0);
    }

    @Override
    public String toString() {
        return "Pop3Reply[" + status + body.map(b -> ", " + b.length + " octets").orElse("") + "]";
    }
}
