package org.maillab.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.maillab.transport.wire.WireNumber;

/**
 * Turns one command line into a {@link Command}. Total: every byte sequence gives a command, an
 * {@link Command.Unknown} or a {@link Command.Malformed}; nothing throws.
 *
 * <p>RFC 1939 §3: a keyword, then arguments separated by a space; keywords are case-insensitive. The
 * line length limit (RFC 2449 §4) is the framing layer's job, so the parser works on whatever line it
 * is given. A trailing CRLF (or bare LF) is ignored.
 */
public final class CommandParser {

    private CommandParser() {
    }

    /** Parses a line given as bytes (UTF-8; undecodable bytes make the line {@code Malformed}). */
    public static Command parse(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, end)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Command.Malformed(keywordOf(new String(line, 0, end, StandardCharsets.ISO_8859_1)),
                    "the line is not UTF-8 text");
        }
        return parse(text);
    }

    /** Parses a line given as text. */
    public static Command parse(String line) {
        String text = line;
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        String keyword = keywordOf(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return new Command.Malformed(keyword, "control characters are not allowed in a command");
            }
        }
        if (keyword.isEmpty()) {
            return new Command.Malformed("", "empty command");
        }
        String rest = text.length() > keyword.length() ? text.substring(keyword.length() + 1) : "";
        java.util.List<String> args = split(rest);
        return switch (keyword) {
            case "USER" -> args.size() == 1 ? new Command.User(args.get(0))
                    : malformed(keyword, "USER takes one argument, the mailbox name");
            // RFC 1939 §7: PASS has one argument, so spaces in it belong to the password.
            case "PASS" -> rest.isEmpty() ? malformed(keyword, "PASS takes the password as argument")
                    : new Command.Pass(rest);
            case "APOP" -> apop(args);
            case "AUTH" -> switch (args.size()) {
                case 0 -> new Command.Auth(Optional.empty(), Optional.empty());
                case 1 -> new Command.Auth(Optional.of(args.get(0).toUpperCase(Locale.ROOT)), Optional.empty());
                case 2 -> new Command.Auth(Optional.of(args.get(0).toUpperCase(Locale.ROOT)), Optional.of(args.get(1)));
                default -> malformed(keyword, "AUTH takes a mechanism and an optional initial response");
            };
            case "STLS" -> noArguments(args, new Command.Stls());
            case "CAPA" -> noArguments(args, new Command.Capa());
            case "STAT" -> noArguments(args, new Command.Stat());
            case "NOOP" -> noArguments(args, new Command.Noop());
            case "RSET" -> noArguments(args, new Command.Rset());
            case "QUIT" -> noArguments(args, new Command.Quit());
            case "LAST" -> noArguments(args, new Command.Last());
            case "LIST" -> optionalNumber(keyword, args, n -> new Command.List(n));
            case "UIDL" -> optionalNumber(keyword, args, n -> new Command.Uidl(n));
            case "RETR" -> oneNumber(keyword, args, n -> new Command.Retr(n));
            case "DELE" -> oneNumber(keyword, args, n -> new Command.Dele(n));
            case "TOP" -> top(args);
            default -> isWord(keyword) ? new Command.Unknown(keyword)
                    : new Command.Malformed(keyword, "a command starts with a keyword");
        };
    }

    private static Command apop(java.util.List<String> args) {
        if (args.size() != 2) {
            return malformed("APOP", "APOP takes a name and a digest");
        }
        String digest = args.get(1);
        if (digest.length() != 32 || !digest.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return malformed("APOP", "the digest is 32 hexadecimal digits (MD5)");
        }
        return new Command.Apop(args.get(0), digest.toLowerCase(Locale.ROOT));
    }

    private static Command top(java.util.List<String> args) {
        if (args.size() != 2) {
            return malformed("TOP", "TOP takes a message number and a number of lines");
        }
        OptionalInt message = number(args.get(0));
        OptionalInt lines = number(args.get(1));
        if (message.isEmpty() || lines.isEmpty()) {
            return malformed("TOP", "TOP's arguments are decimal numbers");
        }
        return new Command.Top(message.getAsInt(), lines.getAsInt());
    }

    private interface NumberCommand {
        Command of(int n);
    }

    private interface OptionalNumberCommand {
        Command of(OptionalInt n);
    }

    private static Command oneNumber(String keyword, java.util.List<String> args, NumberCommand make) {
        if (args.size() != 1) {
            return malformed(keyword, keyword + " takes one message number");
        }
        OptionalInt n = number(args.get(0));
        return n.isPresent() ? make.of(n.getAsInt()) : malformed(keyword, "a message number is decimal digits");
    }

    private static Command optionalNumber(String keyword, java.util.List<String> args, OptionalNumberCommand make) {
        if (args.isEmpty()) {
            return make.of(OptionalInt.empty());
        }
        if (args.size() > 1) {
            return malformed(keyword, keyword + " takes at most one message number");
        }
        OptionalInt n = number(args.get(0));
        return n.isPresent() ? make.of(n) : malformed(keyword, "a message number is decimal digits");
    }

    private static Command noArguments(java.util.List<String> args, Command command) {
        return args.isEmpty() ? command : malformed(command.keyword(), command.keyword() + " takes no arguments");
    }

    private static Command malformed(String keyword, String reason) {
        return new Command.Malformed(keyword, reason);
    }

    /** Decimal digits only (no sign, no spaces), at most {@link Integer#MAX_VALUE}: checked by the shared routine. */
    private static OptionalInt number(String text) {
        long n = WireNumber.parse(text, Integer.MAX_VALUE);
        return n == WireNumber.INVALID ? OptionalInt.empty() : OptionalInt.of((int) n);
    }

    private static String keywordOf(String text) {
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        return word.toUpperCase(Locale.ROOT);
    }

    private static boolean isWord(String keyword) {
        return keyword.length() <= 40 && keyword.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    /** Arguments separated by one or more spaces (Postel: tolerate doubled spaces). */
    private static java.util.List<String> split(String rest) {
        java.util.List<String> args = new ArrayList<>();
        for (String part : rest.split(" ")) {
            if (!part.isEmpty()) {
                args.add(part);
            }
        }
        return args;
    }
}
