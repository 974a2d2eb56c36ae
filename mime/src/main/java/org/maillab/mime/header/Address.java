package org.maillab.mime.header;

import java.util.ArrayList;
import java.util.List;
import org.maillab.mime.codec.EncodedWords;

/**
 * One entry of an RFC 5322 §3.4 address list: a {@link Mailbox} or a {@link Group} of mailboxes.
 */
public sealed interface Address permits Address.Mailbox, Address.Group {

    /**
     * A mailbox: {@code "Display Name" <@route:local@domain>}.
     *
     * @param displayName the phrase as written, quotes removed, encoded words NOT decoded (IMAP's
     *                    ENVELOPE returns it so); null when there is none
     * @param route       the obsolete source route (RFC 5322 §4.4 obs-route, IMAP's "adl"), e.g.
     *                    {@code @a.example,@b.example}, or null
     * @param localPart   the local part, unquoted
     * @param domain      the domain, or null when the address has none
     */
    record Mailbox(String displayName, String route, String localPart, String domain) implements Address {

        /** The display name with RFC 2047 encoded words decoded, or null. */
        public String decodedDisplayName() {
            return displayName == null ? null : EncodedWords.decode(displayName);
        }

        /** {@code local@domain} (or the local part alone if there is no domain). */
        public String address() {
            return domain == null ? localPart : localPart + "@" + domain;
        }
    }

    /**
     * A group (RFC 5322 §3.4): {@code name: member, member;}, possibly empty
     * ({@code undisclosed-recipients:;}).
     */
    record Group(String displayName, List<Mailbox> members) implements Address {
        public Group {
            members = List.copyOf(members);
        }
    }

    /**
     * One address as IMAP's ENVELOPE lists it (RFC 3501 §7.4.2 / RFC 9051 §7.5.2): a mailbox is
     * (name, adl, mailbox, host); a group starts with (nil, nil, group name, nil) and ends with
     * (nil, nil, nil, nil). Absent values are null.
     */
    record EnvelopeAddress(String name, String adl, String mailbox, String host) {
        public boolean isGroupStart() {
            return host == null && mailbox != null;
        }

        public boolean isGroupEnd() {
            return host == null && mailbox == null;
        }
    }

    /**
     * Flattens addresses for ENVELOPE, with group start and end markers. A mailbox without a domain
     * gets host {@code ""} so that it is not mistaken for a group marker.
     */
    static List<EnvelopeAddress> toEnvelope(List<Address> addresses) {
        List<EnvelopeAddress> out = new ArrayList<>();
        for (Address address : addresses) {
            if (address instanceof Mailbox m) {
                out.add(envelope(m));
            } else if (address instanceof Group g) {
                out.add(new EnvelopeAddress(null, null, g.displayName(), null));
                for (Mailbox m : g.members()) {
                    out.add(envelope(m));
                }
                out.add(new EnvelopeAddress(null, null, null, null));
            }
        }
        return out;
    }

    private static EnvelopeAddress envelope(Mailbox m) {
        return new EnvelopeAddress(m.displayName(), m.route(), m.localPart(), m.domain() == null ? "" : m.domain());
    }
}
