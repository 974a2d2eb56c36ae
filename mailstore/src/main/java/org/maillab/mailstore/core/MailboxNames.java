package org.maillab.mailstore.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;

/**
 * The rules a mailbox name must pass before it touches storage. A valid name is a path of components
 * separated by {@code /}; no component is empty, {@code .} or {@code ..}; no character is a control
 * character, a wildcard of LIST ({@code *}, {@code %}) or half of a surrogate pair. So no valid name
 * can reach outside its account, whatever the backend does with it.
 */
public final class MailboxNames {

    public static final String INBOX = "INBOX";
    public static final char DELIMITER = '/';
    /** Longest name, in UTF-8 octets. */
    public static final int MAX_OCTETS = 200;
    /** Deepest hierarchy, in components. */
    public static final int MAX_DEPTH = 16;

    private MailboxNames() {
    }

    /**
     * The canonical form of a valid name: INBOX (and an INBOX prefix) spelled in capitals
     * (RFC 9051 §5.1). Throws {@code INVALID_NAME} with the reason otherwise.
     */
    public static String canonical(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("a mailbox name cannot be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_OCTETS) {
            throw invalid("a mailbox name is at most " + MAX_OCTETS + " octets");
        }
        if (name.charAt(0) == DELIMITER) {
            throw invalid("a mailbox name cannot start with '/'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid("a mailbox name cannot contain control characters");
            }
            if (c == '*' || c == '%') {
                throw invalid("a mailbox name cannot contain the LIST wildcards '*' and '%'");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    throw invalid("a mailbox name must be valid Unicode");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw invalid("a mailbox name must be valid Unicode");
            }
        }
        List<String> parts = split(name);
        if (parts.size() > MAX_DEPTH) {
            throw invalid("a mailbox name is at most " + MAX_DEPTH + " levels deep");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw invalid("a mailbox name cannot have an empty level ('//' or a trailing '/')");
            }
            if (part.equals(".") || part.equals("..")) {
                throw invalid("a mailbox name cannot have a level '.' or '..'");
            }
        }
        if (parts.get(0).equalsIgnoreCase(INBOX)) {
            return INBOX + name.substring(INBOX.length());
        }
        return name;
    }

    /** For CREATE: a trailing delimiter only declares the intent to create children (RFC 9051 §6.3.4). */
    public static String canonicalForCreate(String name) {
        if (name != null && name.length() > 1 && name.charAt(name.length() - 1) == DELIMITER) {
            return canonical(name.substring(0, name.length() - 1));
        }
        return canonical(name);
    }

    /** The levels of a name. */
    public static List<String> split(String name) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == DELIMITER) {
                parts.add(name.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    /** The names above a name, outermost first: {@code a/b/c} gives {@code a}, {@code a/b}. */
    public static List<String> ancestors(String name) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == DELIMITER) {
                result.add(name.substring(0, i));
            }
        }
        return result;
    }

    /** Whether {@code name} lies strictly below {@code ancestor}. */
    public static boolean isBelow(String name, String ancestor) {
        return name.length() > ancestor.length() + 1 && name.startsWith(ancestor)
                && name.charAt(ancestor.length()) == DELIMITER;
    }

    /** Whether an account name is fit: letters, digits, {@code . _ - + @}, not starting with a dot. */
    public static String checkAccountName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            throw invalid("an account name has 1 to 64 characters");
        }
        if (name.charAt(0) == '.' || name.charAt(0) == '-') {
            throw invalid("an account name cannot start with '.' or '-'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '+' || c == '@';
            if (!ok) {
                throw invalid("an account name has only letters, digits and . _ - + @");
            }
        }
        return name;
    }

    static MailStoreException invalid(String why) {
        return new MailStoreException(Reason.INVALID_NAME, why);
    }
}
