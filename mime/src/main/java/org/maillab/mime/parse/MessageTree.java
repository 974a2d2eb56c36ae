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
     * Finds a part by IMAP part number (RFC 9051 §6.4.5): {@code "1"}, {@code "2.1"}, ... In a
     * single-part message, {@code "1"} is the message itself (its body is {@code BODY[1]}). A part that
     * is a message/rfc822 numbers its sub-parts in the message it encloses, also when that part is the
     * body of a single-part message: if the enclosed message is multipart, {@code "n.1"} is its first
     * part, otherwise the enclosed message itself (so in a message/rfc822 message, {@code "1.1"} is the
     * enclosed message's body). Any other part that is not a multipart has no sub-parts. Empty if there is
     * no such part.
     */
    public Optional<Part> part(String section) {
        if (section == null || section.isEmpty()) {
            return Optional.of(root);
        }
        Part current = root;
        Part numbering = root; // the message or multipart whose parts the next number counts
        boolean inMessage = true; // numbering is a message: a single-part one is its own part 1
        String[] numbers = section.split("\\.", -1);
        for (int i = 0; i < numbers.length; i++) {
            int n;
            try {
                n = Integer.parseInt(numbers[i]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (n < 1) {
                return Optional.empty();
            }
            if (i > 0) {
                inMessage = current.message().isPresent();
                numbering = current.message().orElse(current);
            }
            if (!numbering.children().isEmpty()) {
                if (n > numbering.children().size()) {
                    return Optional.empty();
                }
                current = numbering.children().get(n - 1);
            } else if (inMessage && n == 1) {
                current = numbering;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }
}
