package org.maillab.smtp.session;

import java.util.List;
import org.maillab.smtp.codec.Address;

/**
 * The envelope of one mail transaction (RFC 5321 §2.3.1), as the backend sees it at delivery.
 *
 * @param heloDomain        what the client said in EHLO/HELO/LHLO
 * @param clientAddress     the client's IP address, as text
 * @param sender            the reverse path, or {@code null} for {@code <>}
 * @param recipients        the accepted forward paths, in order
 * @param authenticatedUser the AUTH identity, or {@code null}
 * @param smtpUtf8          whether MAIL had SMTPUTF8 (RFC 6531)
 * @param body              the BODY= value: {@code 7BIT} or {@code 8BITMIME} (RFC 6152)
 */
public record Envelope(String heloDomain, String clientAddress, Address sender, List<Address> recipients,
        String authenticatedUser, boolean smtpUtf8, String body) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }
}
