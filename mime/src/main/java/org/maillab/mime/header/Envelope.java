package org.maillab.mime.header;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The header fields IMAP's ENVELOPE is made of (RFC 3501 §7.4.2, RFC 9051 §7.5.2), as unfolded raw
 * values (null when absent; the first field when repeated), with parsed views. No defaults are
 * applied: ENVELOPE's rule that Sender and Reply-To default to From belongs to the IMAP layer.
 */
public record Envelope(String date, String subject, String from, String sender, String replyTo,
        String to, String cc, String bcc, String inReplyTo, String messageId) {

    /** Reads the envelope fields of a header. */
    public static Envelope of(Header header) {
        return new Envelope(header.value("Date"), header.value("Subject"), header.value("From"),
                header.value("Sender"), header.value("Reply-To"), header.value("To"), header.value("Cc"),
                header.value("Bcc"), header.value("In-Reply-To"), header.value("Message-ID"));
    }

    /** The Date, parsed leniently. */
    public Optional<OffsetDateTime> parsedDate() {
        return DateParser.parse(date);
    }

    /** The Subject with encoded words decoded. */
    public String decodedSubject() {
        return subject == null ? null : org.maillab.mime.codec.EncodedWords.decode(subject);
    }

    public List<Address> fromAddresses() {
        return AddressParser.parseList(from);
    }

    public List<Address> senderAddresses() {
        return AddressParser.parseList(sender);
    }

    public List<Address> replyToAddresses() {
        return AddressParser.parseList(replyTo);
    }

    public List<Address> toAddresses() {
        return AddressParser.parseList(to);
    }

    public List<Address> ccAddresses() {
        return AddressParser.parseList(cc);
    }

    public List<Address> bccAddresses() {
        return AddressParser.parseList(bcc);
    }
}
