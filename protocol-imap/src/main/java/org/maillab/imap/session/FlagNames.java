package org.maillab.imap.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.SystemFlag;

/** Between the store's {@link Flags} and IMAP flag names (RFC 9051 §2.3.2). */
final class FlagNames {

    /** The flags every mailbox supports, for the FLAGS response. */
    static final List<String> SYSTEM = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    private FlagNames() {
    }

    static List<String> of(Flags flags, boolean recent) {
        List<String> names = new ArrayList<>();
        for (SystemFlag f : flags.system()) {
            names.add(f.imapName());
        }
        if (recent) {
            names.add("\\Recent");
        }
        names.addAll(flags.keywords());
        return names;
    }

    /**
     * The store's flags for names a client sent; empty if one is a system-looking flag we do not know
     * (clients may not invent {@code \Foo}). {@code \Recent} is dropped: no client can set it (RFC 3501 §2.3.2).
     */
    static Optional<Flags> parse(List<String> names) {
        Set<SystemFlag> system = new HashSet<>();
        Set<String> keywords = new HashSet<>();
        for (String name : names) {
            if (name.startsWith("\\")) {
                if (name.equalsIgnoreCase("\\Recent")) {
                    continue;
                }
                Optional<SystemFlag> f = SystemFlag.fromImapName(name);
                if (f.isEmpty()) {
                    return Optional.empty();
                }
                system.add(f.get());
            } else {
                keywords.add(name);
            }
        }
        return Optional.of(new Flags(system, keywords));
    }
}
