package org.maillab.imap.sort;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.maillab.mime.header.Address;
import org.maillab.mime.header.AddressParser;
import org.maillab.mime.header.DateParser;

/**
 * What SORT and THREAD need from one message's header, computed once and small enough to cache for
 * every message of a mailbox: collation keys rather than the texts, the sent date as an instant.
 *
 * @param subjectKey     collation key of the base subject (RFC 5256 §2.1)
 * @param replyOrForward whether the base subject extraction removed a reply/forward artifact
 * @param sentDate       the Date field in epoch milliseconds (UTC), empty when missing or unreadable
 *                       (RFC 5256 §2.2: the internal date is used then)
 * @param fromKey        collation key of the addr-mailbox of the first From address, or ""
 * @param toKey          the same for To
 * @param ccKey          the same for Cc
 * @param messageId      the normalised Message-ID, if valid
 * @param references     the references of RFC 5256 §3 REFERENCES: the References IDs, or else the
 *                       first In-Reply-To ID, or none
 */
public record SortHeader(String subjectKey, boolean replyOrForward, OptionalLong sentDate, String fromKey,
        String toKey, String ccKey, Optional<String> messageId, List<String> references) {

    public SortHeader {
        references = List.copyOf(references);
    }

    /**
     * Reads the fields from a header.
     *
     * @param firstField the first value of a field by name (case-insensitive), unfolded; octets above
     *                   127 as ISO-8859-1 characters (they are read as UTF-8 where they are valid UTF-8)
     */
    public static SortHeader of(Function<String, Optional<String>> firstField) {
        BaseSubject subject = BaseSubject.of(firstField.apply("Subject").map(SortHeader::utf8IfValid).orElse(null));
        OptionalLong sent = firstField.apply("Date").flatMap(DateParser::parse)
                .map(d -> OptionalLong.of(d.toInstant().toEpochMilli())).orElse(OptionalLong.empty());
        List<String> refs = firstField.apply("References").map(MessageIds::all).orElse(List.of());
        if (refs.isEmpty()) {
            refs = firstField.apply("In-Reply-To").flatMap(MessageIds::first).map(List::of).orElse(List.of());
        }
        return new SortHeader(Collation.key(subject.text()), subject.replyOrForward(), sent,
                addressKey(firstField.apply("From")), addressKey(firstField.apply("To")),
                addressKey(firstField.apply("Cc")), firstField.apply("Message-ID").flatMap(MessageIds::first), refs);
    }

    /** The collation key of the addr-mailbox (local part) of the first address (RFC 5256 §3, FROM/TO/CC). */
    private static String addressKey(Optional<String> field) {
        if (field.isEmpty()) {
            return "";
        }
        List<Address.EnvelopeAddress> list = AddressParser.parseEnvelopeList(utf8IfValid(field.get()));
        if (list.isEmpty() || list.get(0).mailbox() == null) {
            return "";
        }
        return Collation.key(list.get(0).mailbox());
    }

    /** Raw header octets (as ISO-8859-1 characters) read as UTF-8 when they are valid UTF-8 (RFC 6532). */
    static String utf8IfValid(String latin1) {
        boolean high = false;
        for (int i = 0; i < latin1.length() && !high; i++) {
            high = latin1.charAt(i) >= 0x80;
        }
        if (!high) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }
}
