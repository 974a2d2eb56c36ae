package org.maillab.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.maillab.transport.wire.WireNumber;

/**
 * Parses one command line (without its CRLF) into an {@link SmtpCommand}. Total: any bytes give a
 * command, an {@link SmtpCommand.Unknown} or an {@link SmtpCommand.Invalid} carrying the RFC reply,
 * never an exception. The grammar is RFC 5321 §4.1 (commands), §4.1.2 (paths) and §4.5.3.1 (sizes),
 * with the extensions' parameters: SIZE (RFC 1870 §6), BODY (RFC 6152 §3), SMTPUTF8 (RFC 6531 §3.4),
 * AUTH (RFC 4954 §4, §5), BDAT (RFC 3030 §2).
 */
public final class CommandParser {

    /** RFC 5321 §4.5.3.1.1: a local part has at most 64 octets. */
    static final int MAX_LOCAL_PART = 64;
    /** RFC 5321 §4.5.3.1.2: a domain has at most 255 octets. */
    static final int MAX_DOMAIN = 255;
    /** The largest SIZE= or BDAT size we read; anything larger is refused as too big before arithmetic. */
    static final long MAX_WIRE_SIZE = Long.MAX_VALUE;

    private CommandParser() {
    }

    /** The command on {@code line}, which has no line terminator. */
    public static SmtpCommand parse(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            String verb = verbOf(new String(line, StandardCharsets.ISO_8859_1));
            return new SmtpCommand.Invalid(verb, SmtpReply.of(500, "5.5.2", "Syntax error: the line is not UTF-8"));
        }
        return parse(text);
    }

    /** As {@link #parse(byte[])}, for a line already decoded. */
    public static SmtpCommand parse(String line) {
        String verb = verbOf(line);
        String args = line.length() > verb.length() ? line.substring(verb.length() + 1) : "";
        if (verb.isEmpty()) {
            return new SmtpCommand.Invalid("", SmtpReply.of(500, "5.5.2", "Syntax error, command unrecognized"));
        }
        if (hasControl(line)) {
            return new SmtpCommand.Invalid(verb, SmtpReply.of(501, "5.5.2", "Syntax error: control character in the command"));
        }
        return switch (verb) {
            case "HELO" -> hello(SmtpCommand.Hello.Kind.HELO, verb, args);
            case "EHLO" -> hello(SmtpCommand.Hello.Kind.EHLO, verb, args);
            case "LHLO" -> hello(SmtpCommand.Hello.Kind.LHLO, verb, args);
            case "MAIL" -> mail(args);
            case "RCPT" -> rcpt(args);
            case "DATA" -> noArgument(verb, args, new SmtpCommand.Data());
            case "BDAT" -> bdat(args);
            case "RSET" -> noArgument(verb, args, new SmtpCommand.Rset());
            case "QUIT" -> noArgument(verb, args, new SmtpCommand.Quit());
            case "STARTTLS" -> noArgument(verb, args, new SmtpCommand.StartTls());
            case "NOOP" -> new SmtpCommand.Noop(); // RFC 5321 §4.1.1.9: the argument is ignored
            case "HELP" -> new SmtpCommand.Help(args.strip());
            case "VRFY" -> args.isBlank() ? syntax(verb, "Syntax: VRFY <address>") : new SmtpCommand.Vrfy(args.strip());
            case "AUTH" -> auth(args);
            default -> new SmtpCommand.Unknown(verb);
        };
    }

    /** The verb: the text up to the first space, in upper case (RFC 5321 §2.4: verbs are case-insensitive). */
    private static String verbOf(String line) {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        return verb.length() > 16 ? verb.substring(0, 16).toUpperCase(Locale.ROOT) : verb.toUpperCase(Locale.ROOT);
    }

    private static boolean hasControl(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static SmtpCommand syntax(String verb, String text) {
        return new SmtpCommand.Invalid(verb, SmtpReply.of(501, "5.5.4", text));
    }

    private static SmtpCommand noArgument(String verb, String args, SmtpCommand command) {
        return args.isBlank() ? command : syntax(verb, "Syntax: " + verb + " takes no argument");
    }

    // RFC 5321 §4.1.1.1: ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
    private static SmtpCommand hello(SmtpCommand.Hello.Kind kind, String verb, String args) {
        String domain = args.strip();
        if (domain.isEmpty() || domain.contains(" ") || domain.length() > MAX_DOMAIN
                || !(isDomain(domain) || isAddressLiteral(domain))) {
            return syntax(verb, "Syntax: " + verb + " <your domain name or [address]>");
        }
        return new SmtpCommand.Hello(kind, domain);
    }

    // RFC 5321 §4.1.1.2: mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
    private static SmtpCommand mail(String args) {
        String rest = afterKeyword(args, "FROM:");
        if (rest == null) {
            return syntax("MAIL", "Syntax: MAIL FROM:<address> [parameters]");
        }
        int end = rest.indexOf('>');
        if (!rest.startsWith("<") || end < 0) {
            return new SmtpCommand.Invalid("MAIL", SmtpReply.of(501, "5.1.7", "Bad sender address syntax"));
        }
        Address sender = null;
        if (end > 1) {
            sender = path(rest.substring(1, end));
            if (sender == null) {
                return new SmtpCommand.Invalid("MAIL", SmtpReply.of(501, "5.1.7", "Bad sender address syntax"));
            }
        }
        Map<String, String> params = parameters(rest.substring(end + 1));
        if (params == null) {
            return syntax("MAIL", "Syntax error in the MAIL parameters");
        }
        long size = -1;
        String body = "7BIT";
        boolean smtpUtf8 = false;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    size = value == null ? WireNumber.INVALID : WireNumber.parse(value, MAX_WIRE_SIZE);
                    if (size == WireNumber.INVALID) {
                        return syntax("MAIL", "Syntax: SIZE=<octets> (RFC 1870)");
                    }
                }
                case "BODY" -> {
                    String b = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if (!b.equals("7BIT") && !b.equals("8BITMIME")) {
                        return new SmtpCommand.Invalid("MAIL", SmtpReply.of(555, "5.5.4",
                                "BODY=" + value + " is not supported (7BIT or 8BITMIME, RFC 6152)"));
                    }
                    body = b;
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        return syntax("MAIL", "Syntax: SMTPUTF8 takes no value (RFC 6531)");
                    }
                    smtpUtf8 = true;
                }
                case "AUTH" -> {
                    // RFC 4954 §5: the original submitter; accepted and not used by a final delivery server.
                }
                default -> {
                    return new SmtpCommand.Invalid("MAIL", SmtpReply.of(555, "5.5.4",
                            "MAIL parameter " + p.getKey() + " not recognized"));
                }
            }
        }
        return new SmtpCommand.Mail(sender, size, body, smtpUtf8, params);
    }

    // RFC 5321 §4.1.1.3: rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) ...
    private static SmtpCommand rcpt(String args) {
        String rest = afterKeyword(args, "TO:");
        if (rest == null) {
            return syntax("RCPT", "Syntax: RCPT TO:<address>");
        }
        int end = rest.indexOf('>');
        if (!rest.startsWith("<") || end < 0) {
            return new SmtpCommand.Invalid("RCPT", SmtpReply.of(501, "5.1.3", "Bad recipient address syntax"));
        }
        String inner = rest.substring(1, end);
        Address recipient = inner.equalsIgnoreCase("postmaster") ? new Address(inner, "") : path(inner);
        if (recipient == null) {
            return new SmtpCommand.Invalid("RCPT", SmtpReply.of(501, "5.1.3", "Bad recipient address syntax"));
        }
        Map<String, String> params = parameters(rest.substring(end + 1));
        if (params == null) {
            return syntax("RCPT", "Syntax error in the RCPT parameters");
        }
        if (!params.isEmpty()) {
            return new SmtpCommand.Invalid("RCPT", SmtpReply.of(555, "5.5.4",
                    "RCPT parameter " + params.keySet().iterator().next() + " not recognized"));
        }
        return new SmtpCommand.Rcpt(recipient, params);
    }

    // RFC 3030 §2: bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CRLF
    private static SmtpCommand bdat(String args) {
        String[] words = args.strip().split(" +");
        if (words.length < 1 || words.length > 2 || (words.length == 2 && !words[1].equalsIgnoreCase("LAST"))) {
            return syntax("BDAT", "Syntax: BDAT <octets> [LAST]");
        }
        long size = WireNumber.parse(words[0], MAX_WIRE_SIZE);
        if (size == WireNumber.INVALID) {
            return syntax("BDAT", "Syntax: BDAT <octets> [LAST]");
        }
        return new SmtpCommand.Bdat(size, words.length == 2);
    }

    // RFC 4954 §4: AUTH mechanism [initial-response]
    private static SmtpCommand auth(String args) {
        String[] words = args.strip().split(" +");
        if (words.length < 1 || words.length > 2 || words[0].isEmpty() || words[0].length() > 20
                || !words[0].matches("[A-Za-z0-9_-]+")) {
            return syntax("AUTH", "Syntax: AUTH <mechanism> [initial-response]");
        }
        String initial = words.length == 2 ? words[1] : null;
        if (initial != null && !initial.equals("=") && !isBase64(initial)) {
            return new SmtpCommand.Invalid("AUTH", SmtpReply.of(501, "5.5.2", "Invalid base64 initial response"));
        }
        return new SmtpCommand.Auth(words[0].toUpperCase(Locale.ROOT), initial);
    }

    /** Whether {@code text} is well-formed base64 (RFC 4648 §4). */
    public static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return !text.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The text after {@code keyword} (case-insensitive), tolerating spaces after the colon; null if absent. */
    private static String afterKeyword(String args, String keyword) {
        if (args.length() < keyword.length() || !args.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return null;
        }
        return args.substring(keyword.length()).stripLeading();
    }

    /**
     * RFC 5321 §4.1.2: Path = "<" [ A-d-l ":" ] Mailbox ">" (the brackets already removed). A source route
     * is read and ignored (§4.1.2: "SHOULD ignore"). Null if not a mailbox.
     */
    static Address path(String inner) {
        String mailbox = inner;
        if (mailbox.startsWith("@")) {
            int colon = mailbox.indexOf(':');
            if (colon < 0) {
                return null;
            }
            mailbox = mailbox.substring(colon + 1);
        }
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            return null;
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        String unquoted = localPart(local);
        if (unquoted == null || utf8Length(local) > MAX_LOCAL_PART || utf8Length(domain) > MAX_DOMAIN
                || !(isDomain(domain) || isAddressLiteral(domain))) {
            return null;
        }
        return new Address(unquoted, domain);
    }

    /** A Dot-string or a Quoted-string (RFC 5321 §4.1.2), as its value; null otherwise. */
    private static String localPart(String local) {
        if (local.startsWith("\"")) {
            if (local.length() < 2 || !local.endsWith("\"")) {
                return null;
            }
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c == '\\') {
                    if (++i >= local.length() - 1) {
                        return null;
                    }
                    value.append(local.charAt(i));
                } else if (c == '"') {
                    return null;
                } else {
                    value.append(c);
                }
            }
            return value.toString();
        }
        for (String atom : local.split("\\.", -1)) {
            if (atom.isEmpty()) {
                return null;
            }
            for (int i = 0; i < atom.length(); i++) {
                if (!isAtext(atom.charAt(i))) {
                    return null;
                }
            }
        }
        return local;
    }

    // RFC 5322 §3.2.3 atext, and any non-ASCII character (RFC 6531 §3.3 UTF8-non-ascii)
    private static boolean isAtext(char c) {
        return c >= 0x80 || Character.isLetterOrDigit(c) && c < 0x80 || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /** RFC 5321 §4.1.2: Domain = sub-domain *("." sub-domain), with U-labels allowed (RFC 6531 §3.3). */
    static boolean isDomain(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ldh = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-');
                if (!ldh && c < 0x80) {
                    return false;
                }
            }
        }
        return true;
    }

    /** RFC 5321 §4.1.3: "[" ... "]" with printable ASCII inside other than brackets and backslash. */
    static boolean isAddressLiteral(String text) {
        if (text.length() < 3 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
            return false;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126 || c == '[' || c == ']' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 5321 §4.1.2: esmtp-param *(SP esmtp-param), esmtp-param = esmtp-keyword ["=" esmtp-value]; keys
     * upper-cased, a value of null when there is no "=". Null if malformed or a key repeats.
     */
    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return params;
        }
        if (!text.startsWith(" ")) {
            return null; // "<a@b>SIZE=1": the space is required
        }
        for (String word : trimmed.split(" +")) {
            int eq = word.indexOf('=');
            String key = (eq < 0 ? word : word.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : word.substring(eq + 1);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*") || (value != null && (value.isEmpty() || value.contains("=")))
                    || params.containsKey(key)) {
                return null;
            }
            params.put(key, value);
        }
        return params;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
