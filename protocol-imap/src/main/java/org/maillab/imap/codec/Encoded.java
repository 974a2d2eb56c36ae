package org.maillab.imap.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A command or response as it goes on the wire: octets, and literals whose octets are streamed from
 * their source. The writer must wait for the server's {@code +} before a {@link Chunk.LiteralOctets}
 * with {@code sync} true (client side, RFC 9051 §7.5); the octets before it end with {@code {n}CRLF}.
 */
public record Encoded(List<Chunk> chunks) {

    public Encoded {
        chunks = List.copyOf(chunks);
    }

    /** A piece of wire data. */
    public sealed interface Chunk {
        record Octets(byte[] bytes) implements Chunk {
            public Octets {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }
        }

        /** Literal octets; {@code sync} when announced as {@code {n}} by a client. */
        record LiteralOctets(Literal literal, boolean sync) implements Chunk {
        }
    }

    /** Writes everything, streaming literals, without waiting for continuations (responses, tests). */
    public void writeTo(OutputStream out) throws IOException {
        for (Chunk chunk : chunks) {
            if (chunk instanceof Chunk.Octets o) {
                out.write(o.bytes());
            } else if (chunk instanceof Chunk.LiteralOctets l) {
                try (InputStream in = l.literal().open()) {
                    in.transferTo(out);
                }
            }
        }
    }

    /** All octets in memory: for tests and small data only. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The wire text, for tests and transcripts (literal octets decoded as UTF-8). */
    public String text() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    /** Whether the client must wait for a continuation somewhere in this command. */
    public boolean needsContinuation() {
        return chunks.stream().anyMatch(c -> c instanceof Chunk.LiteralOctets l && l.sync());
    }
}
