package org.maillab.smtp.codec;

import java.util.Locale;

/**
 * A mailbox from an envelope path (RFC 5321 §4.1.2): {@code local-part@domain}. The domain is kept as
 * sent (a name, or an address literal such as {@code [127.0.0.1]}); {@link #domainKey()} compares.
 *
 * @param localPart the local part, without the quotes of a quoted string (RFC 5321 §4.1.2 Quoted-string)
 * @param domain    the domain or address literal
 */
public record Address(String localPart, String domain) {

    /** The domain in lower case, for comparing (domain names are case-insensitive, RFC 5321 §2.4). */
    public String domainKey() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** Whether either part has a character outside ASCII (needs SMTPUTF8, RFC 6531 §3.2). */
    public boolean isInternational() {
        return !isAscii(localPart) || !isAscii(domain);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
