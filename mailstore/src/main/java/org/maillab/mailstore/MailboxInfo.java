package org.maillab.mailstore;

import java.util.Optional;

/**
 * One mailbox as LIST shows it.
 *
 * @param name        full name with {@code /} as hierarchy delimiter; INBOX is always spelled {@code INBOX}
 * @param selectable  false for a name that exists only because it has children ({@code \Noselect})
 * @param hasChildren whether any mailbox lies below it (RFC 3348)
 * @param subscribed  whether the account subscribed to it
 * @param specialUse  its RFC 6154 role, if it has one
 */
public record MailboxInfo(String name, boolean selectable, boolean hasChildren, boolean subscribed,
        Optional<SpecialUse> specialUse) {
}
