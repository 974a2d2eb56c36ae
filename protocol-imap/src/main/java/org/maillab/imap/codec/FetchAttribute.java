package org.maillab.imap.codec;

import java.util.List;
import java.util.Optional;

/** A data item a FETCH asks for (RFC 9051 §6.4.5; RFC 3501 adds the RFC822 items). */
public sealed interface FetchAttribute {

    /** Items without arguments. */
    enum Item {
        ENVELOPE("ENVELOPE"),
        FLAGS("FLAGS"),
        INTERNALDATE("INTERNALDATE"),
        RFC822("RFC822"),
        RFC822_HEADER("RFC822.HEADER"),
        RFC822_SIZE("RFC822.SIZE"),
        RFC822_TEXT("RFC822.TEXT"),
        UID("UID"),
        /** {@code BODY} without a section: BODYSTRUCTURE without extension data. */
        BODY("BODY"),
        BODYSTRUCTURE("BODYSTRUCTURE"),
        /** The message's mod-sequence (RFC 7162 §3.1.4.1). */
        MODSEQ("MODSEQ");

        private final String wire;

        Item(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Item> parse(String atom) {
            for (Item item : values()) {
                if (item.wire.equalsIgnoreCase(atom)) {
                    return Optional.of(item);
                }
            }
            return Optional.empty();
        }
    }

    record Simple(Item item) implements FetchAttribute {
    }

    /** {@code BODY[section]<partial>} or {@code BODY.PEEK[...]} (which does not set \Seen). */
    record Body(Section section, boolean peek, Optional<Partial> partial) implements FetchAttribute {
    }

    /** {@code BINARY[part]<partial>} or {@code BINARY.PEEK[...]} (RFC 3516, RFC 9051 §6.4.5). */
    record Binary(List<Integer> part, boolean peek, Optional<Partial> partial) implements FetchAttribute {
        public Binary {
            part = List.copyOf(part);
        }
    }

    /** {@code BINARY.SIZE[part]}. */
    record BinarySize(List<Integer> part) implements FetchAttribute {
        public BinarySize {
            part = List.copyOf(part);
        }
    }

    /** The macros ALL, FAST and FULL (RFC 9051 §6.4.5), expanded when parsed. */
    static List<FetchAttribute> macro(String name) {
        Simple flags = new Simple(Item.FLAGS);
        Simple date = new Simple(Item.INTERNALDATE);
        Simple size = new Simple(Item.RFC822_SIZE);
        Simple envelope = new Simple(Item.ENVELOPE);
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "ALL" -> List.of(flags, date, size, envelope);
            case "FAST" -> List.of(flags, date, size);
            case "FULL" -> List.of(flags, date, size, envelope, new Simple(Item.BODY));
            default -> List.of();
        };
    }
}
