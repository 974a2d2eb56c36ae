package org.maillab.mime.parse;

import java.util.List;
import java.util.Optional;
import org.maillab.mime.header.Envelope;

/**
 * A parsed message: the tree of {@link Part}s with offsets, and everything the parser repaired.
 * Built by {@link MimeParser}; holds headers and offsets, never bodies.
 *
 * @param root the top message
 * @param size total bytes read
 */
public record MessageTree(Part root, long size) {

    /** All defects of all parts, in document order. */
    public List<Defect> defects() {
        return root.walk().flatMap(p -> p.defects().stream()).toList();
    }

    /** The fields of the top header that IMAP's ENVELOPE is made of. */
    public Envelope envelope() {
        return Envelope.of(root.header());
    }

    /**
     * Finds a part by IMAP part number (RFC 3501 §6.4.5): {@code "1"}, {@code "2.1"}, ... In a
     * single-part message, {@code "1"} is the message itself (its body is {@code BODY[1]}). Inside a
     * message/rfc822 part the numbering continues in the embedded message; if that message is not
     * multipart, {@code "n.1"} is the embedded message itself. Empty if there is no such part.
     */
    public Optional<Part> part(String section) {
        if (section == null || section.isEmpty()) {
            return Optional.of(root);
        }
        Part current = root;
        for (String s : section.split("\\.", -1)) {
            int n;
            try {
                n = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (n < 1) {
                return Optional.empty();
            }
            Part container = current;
            if (container.kind() == Part.Kind.BODY_PART && container.message().isPresent()) {
                container = container.message().get();
            }
            if (!container.children().isEmpty()) {
                if (n > container.children().size()) {
                    return Optional.empty();
                }
                current = container.children().get(n - 1);
            } else if (container.kind() == Part.Kind.MESSAGE && n == 1) {
                current = container;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }
}
