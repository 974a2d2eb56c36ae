package org.maillab.mime.header;

import java.util.ArrayList;
import java.util.List;
import org.maillab.mime.header.Address.Group;
import org.maillab.mime.header.Address.Mailbox;
import org.maillab.mime.header.Lexer.Kind;
import org.maillab.mime.header.Lexer.Token;

/**
 * Parses RFC 5322 §3.4 address lists, obsolete syntax of §4.4 included: groups, quoted local
 * parts, comments, domain literals, route addresses, display names with encoded words, empty list
 * elements. Total: anything it cannot read becomes a best-effort mailbox or is skipped, never an
 * exception.
 */
public final class AddressParser {

    private final List<Token> tokens;
    private int pos;

    private AddressParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses an address-list (To, Cc, Bcc, From, Reply-To ...). Null gives an empty list. */
    public static List<Address> parseList(String value) {
        if (value == null) {
            return List.of();
        }
        return new AddressParser(Lexer.rfc5322(HeaderField.unfold(value))).list();
    }

    /** Parses addresses and flattens them for IMAP's ENVELOPE ({@link Address#toEnvelope}). */
    public static List<Address.EnvelopeAddress> parseEnvelopeList(String value) {
        return Address.toEnvelope(parseList(value));
    }

    private List<Address> list() {
        List<Address> out = new ArrayList<>();
        while (pos < tokens.size()) {
            if (peekSpecial(',') || peekSpecial(';') || peekSpecial('>')) {
                pos++;
                continue;
            }
            int before = pos;
            Address a = address();
            if (a != null) {
                out.add(a);
            }
            if (pos == before) {
                pos++; // guarantees progress on junk
            }
        }
        return out;
    }

    private Address address() {
        int start = pos;
        List<Token> phrase = phrase();
        if (peekSpecial(':')) {
            pos++;
            List<Mailbox> members = new ArrayList<>();
            while (pos < tokens.size() && !peekSpecial(';')) {
                if (peekSpecial(',')) {
                    pos++;
                    continue;
                }
                int before = pos;
                Mailbox m = mailbox();
                if (m != null) {
                    members.add(m);
                }
                if (pos == before) {
                    pos++;
                }
            }
            if (peekSpecial(';')) {
                pos++;
            }
            return new Group(joinPhrase(phrase), members);
        }
        pos = start;
        return mailbox();
    }

    private Mailbox mailbox() {
        int start = pos;
        List<Token> phrase = phrase();
        if (peekSpecial('<')) {
            pos++;
            String route = route();
            Mailbox inner = addrSpec(joinPhrase(phrase), route);
            while (pos < tokens.size() && !peekSpecial('>') && !peekSpecial(',')) {
                pos++;
            }
            if (peekSpecial('>')) {
                pos++;
            }
            return inner;
        }
        pos = start;
        Mailbox bare = addrSpec(null, null);
        String comment = lastComment(start, pos);
        if (bare != null && !bare.localPart().isEmpty() && comment != null && !comment.isEmpty()) {
            // "user@example.org (Real Name)": with no phrase, the comment is the only human-readable name
            // (RFC 5322 §3.2.2: a comment provides "human-readable informational text"); RFC 9051 §7.5.2
            // leaves where ENVELOPE's display name comes from to the server, and Dovecot takes it so
            return new Mailbox(comment, null, bare.localPart(), bare.domain());
        }
        return bare;
    }

    /** The last comment after one of the tokens {@code from} (inclusive) to {@code to} (exclusive). */
    private String lastComment(int from, int to) {
        for (int i = Math.min(to, tokens.size()) - 1; i >= from; i--) {
            if (tokens.get(i).comment() != null) {
                return tokens.get(i).comment();
            }
        }
        return null;
    }

    /** obs-route: {@code @domain,@domain:} before the addr-spec in an angle address. */
    private String route() {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        while (peekSpecial('@') || peekSpecial(',')) {
            if (peekSpecial(',')) {
                pos++;
                continue;
            }
            pos++;
            String domain = domain();
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append('@').append(domain);
        }
        if (sb.length() > 0 && peekSpecial(':')) {
            pos++;
            return sb.toString();
        }
        pos = start;
        return null;
    }

    private Mailbox addrSpec(String displayName, String route) {
        StringBuilder local = new StringBuilder();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.kind() == Kind.ATOM || t.kind() == Kind.QUOTED) {
                if (local.length() > 0 && t.spaceBefore() && !endsWithDot(local)) {
                    local.append(' ');
                }
                local.append(t.text());
                pos++;
            } else if (t.isSpecial('.')) {
                local.append('.');
                pos++;
            } else {
                break;
            }
        }
        String domain = null;
        if (peekSpecial('@')) {
            pos++;
            domain = domain();
        }
        if (local.length() == 0 && domain == null && displayName == null) {
            return null;
        }
        return new Mailbox(displayName, route, local.toString(), domain);
    }

    private static boolean endsWithDot(StringBuilder sb) {
        return sb.charAt(sb.length() - 1) == '.';
    }

    private String domain() {
        StringBuilder sb = new StringBuilder();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.kind() == Kind.ATOM || t.kind() == Kind.DOMAIN_LITERAL) {
                sb.append(t.text());
                pos++;
            } else if (t.isSpecial('.')) {
                sb.append('.');
                pos++;
            } else {
                break;
            }
        }
        return sb.toString();
    }

    /** Words (atoms and quoted strings) and dots (obs-phrase allows them), up to a special. */
    private List<Token> phrase() {
        List<Token> out = new ArrayList<>();
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (t.kind() == Kind.ATOM || t.kind() == Kind.QUOTED || t.isSpecial('.')) {
                out.add(t);
                pos++;
            } else {
                break;
            }
        }
        return out;
    }

    private static String joinPhrase(List<Token> phrase) {
        if (phrase.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Token t : phrase) {
            if (sb.length() > 0 && t.spaceBefore()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    private boolean peekSpecial(char c) {
        return pos < tokens.size() && tokens.get(pos).isSpecial(c);
    }
}
