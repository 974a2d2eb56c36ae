package org.maillab.imap.codec;

import java.util.Optional;

/**
 * An address in an ENVELOPE (RFC 9051 §7.5.2): display name, source route (always NIL today), local
 * part and domain. A group starts with host NIL and the group name as mailbox, and ends with mailbox NIL.
 */
public record Address(Optional<String> name, Optional<String> adl, Optional<String> mailbox, Optional<String> host) {
}
