package org.maillab.imap.codec;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One item of a FETCH response (RFC 9051 §7.5.2). */
public sealed interface FetchData {

    record Flags(List<String> flags) implements FetchData {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /** {@code MODSEQ (n)} (RFC 7162 §3.1.4.1). */
    record ModSeq(long modSeq) implements FetchData {
    }

    record Uid(long uid) implements FetchData {
    }

    record InternalDate(OffsetDateTime date) implements FetchData {
    }

    record Rfc822Size(long size) implements FetchData {
    }

    record EnvelopeData(Envelope envelope) implements FetchData {
    }

    /** BODYSTRUCTURE ({@code extensible}) or BODY (no extension data). */
    record Structure(BodyStructure body, boolean extensible) implements FetchData {
    }

    /** {@code BODY[section]<origin> content}; content NIL when the section does not exist. */
    record BodySection(Section section, OptionalLong origin, Optional<Literal> content) implements FetchData {
    }

    /** RFC822, RFC822.HEADER or RFC822.TEXT (RFC 3501). */
    record Rfc822(FetchAttribute.Item item, Optional<Literal> content) implements FetchData {
    }

    /** {@code BINARY[part]<origin> content} (RFC 3516). */
    record Binary(List<Integer> part, OptionalLong origin, Optional<Literal> content) implements FetchData {
        public Binary {
            part = List.copyOf(part);
        }
    }

    /** {@code BINARY.SIZE[part] n}. */
    record BinarySize(List<Integer> part, long size) implements FetchData {
        public BinarySize {
            part = List.copyOf(part);
        }
    }
}
