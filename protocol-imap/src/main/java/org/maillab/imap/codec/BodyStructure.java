package org.maillab.imap.codec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * BODY and BODYSTRUCTURE (RFC 9051 §7.5.2): a tree of single parts and multiparts. Extension data
 * (MD5, disposition, language, location) is present for BODYSTRUCTURE and absent for BODY.
 */
public sealed interface BodyStructure {

    /** A parameter of a Content-Type or Content-Disposition. */
    record Param(String name, String value) {
    }

    /** Content-Disposition: its type and parameters. */
    record Disposition(String type, List<Param> params) {
        public Disposition {
            params = List.copyOf(params);
        }
    }

    /** Extension data of a single part. */
    record SingleExtension(Optional<String> md5, Optional<Disposition> disposition, List<String> language,
            Optional<String> location) {
        public SingleExtension {
            language = List.copyOf(language);
        }
    }

    /** Extension data of a multipart. */
    record MultiExtension(List<Param> params, Optional<Disposition> disposition, List<String> language,
            Optional<String> location) {
        public MultiExtension {
            params = List.copyOf(params);
            language = List.copyOf(language);
        }
    }

    /** What a message/rfc822 part adds: the inner message's envelope, structure and line count. */
    record Embedded(Envelope envelope, BodyStructure body, long lines) {
    }

    /**
     * A non-multipart part. {@code lines} is present for text/*; {@code embedded} for message/rfc822
     * (and message/global).
     */
    record Single(String type, String subtype, List<Param> params, Optional<String> id, Optional<String> description,
            String encoding, long size, OptionalLong lines, Optional<Embedded> embedded,
            Optional<SingleExtension> extension) implements BodyStructure {
        public Single {
            params = List.copyOf(params);
        }
    }

    record Multi(List<BodyStructure> parts, String subtype, Optional<MultiExtension> extension)
            implements BodyStructure {
        public Multi {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a multipart has at least one part");
            }
        }
    }
}
