package org.maillab.imap.codec;

import java.util.List;
import java.util.Optional;

/** The ENVELOPE of a message (RFC 9051 §7.5.2); empty address lists are NIL on the wire. */
public record Envelope(Optional<String> date, Optional<String> subject, List<Address> from, List<Address> sender,
        List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, Optional<String> inReplyTo,
        Optional<String> messageId) {

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
