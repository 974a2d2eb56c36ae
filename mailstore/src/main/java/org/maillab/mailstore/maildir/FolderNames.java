package org.maillab.mailstore.maildir;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.core.MailboxNames;

/**
 * Mailbox names to Maildir++ folder directories and back. INBOX is the Maildir itself; any other
 * mailbox {@code A/B} is the directory {@code .A.B} beside it. A literal {@code .} or {@code \} in a
 * name is written {@code \2e} or {@code \5c} (as Dovecot's listescape plugin does), so the map is
 * one-to-one. Other characters are kept as UTF-8.
 */
final class FolderNames {

    /** Longest directory name most file systems allow, in octets. */
    static final int MAX_DIRECTORY_OCTETS = 255;

    private FolderNames() {
    }

    /** {@code A/b.c} to {@code .A.b\2ec}; not for INBOX, which has no directory of its own. */
    static String directory(String mailbox) {
        StringBuilder sb = new StringBuilder(mailbox.length() + 8).append('.');
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            switch (c) {
                case '/' -> sb.append('.');
                case '.' -> sb.append("\\2e");
                case '\\' -> sb.append("\\5c");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static void check(String mailbox) {
        if (!mailbox.equals(MailboxNames.INBOX)
                && directory(mailbox).getBytes(StandardCharsets.UTF_8).length > MAX_DIRECTORY_OCTETS) {
            throw new MailStoreException(Reason.INVALID_NAME,
                    "the name is too long for a Maildir folder once escaped");
        }
    }

    /** The mailbox a folder directory holds, if the directory name is one we could have written. */
    static Optional<String> mailbox(String directory) {
        if (directory.length() < 2 || directory.charAt(0) != '.' || directory.equals("..")) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        String rest = directory.substring(1);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '.') {
                sb.append('/');
            } else if (c == '\\' && i + 2 < rest.length()) {
                String hex = rest.substring(i + 1, i + 3);
                try {
                    sb.append((char) Integer.parseInt(hex, 16));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        try {
            String canonical = MailboxNames.canonical(sb.toString());
            // only names that map back to this very directory: one directory, one mailbox
            return directory(canonical).equals(directory) ? Optional.of(canonical) : Optional.empty();
        } catch (MailStoreException e) {
            return Optional.empty(); // written by someone else, with a name we would refuse: ignored
        }
    }
}
