package org.maillab.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.maillab.transport.wire.CredentialMask;

/**
 * One POP3 command as a value: a record per command of RFC 1939, RFC 2449 (CAPA), RFC 2595 (STLS),
 * RFC 5034 (AUTH) and RFC 1225 (LAST), plus two values for lines that are not a valid command.
 *
 * <p>{@link CommandParser#parse(byte[])} turns any line into a {@code Command}; {@link #toLine()} turns
 * a command back into the line a client sends (without CRLF). Message numbers are 1-based, as on the wire.
 */
public sealed interface Command {

    /** The keyword as sent on the wire, upper case (RFC 1939 §3: keywords are case-insensitive). */
    String keyword();

    /** The command line a client sends, without the CRLF. */
    String toLine();

    /** The line with secrets hidden, for transcripts, by the rule the server's transcript uses too. */
    default String toMaskedLine() {
        return CredentialMask.pop3().line(toLine());
    }

    /**
     * Whether a positive reply to this command is multi-line (RFC 1939 §3): a client needs this to
     * read pipelined replies in order.
     */
    default boolean expectsMultiLine() {
        return false;
    }

    /** The line as bytes with CRLF, ready to send. */
    default byte[] toWire() {
        return (toLine() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** USER name (RFC 1939 §7). */
    record User(String name) implements Command {
        public String keyword() { return "USER"; }
        public String toLine() { return "USER " + name; }
    }

    /** PASS string (RFC 1939 §7); the password may contain spaces. */
    record Pass(String password) implements Command {
        public String keyword() { return "PASS"; }
        public String toLine() { return "PASS " + password; }
        @Override
        public String toString() { return "Pass[********]"; }
    }

    /** APOP name digest (RFC 1939 §7); digest is MD5(timestamp + secret) in hex. */
    record Apop(String name, String digest) implements Command {
        public String keyword() { return "APOP"; }
        public String toLine() { return "APOP " + name + " " + digest; }
    }

    /**
     * AUTH [mechanism [initial-response]] (RFC 5034 §4). Without a mechanism the server lists its
     * mechanisms (the older RFC 1734 behaviour that some clients still probe).
     */
    record Auth(Optional<String> mechanism, Optional<String> initialResponse) implements Command {
        public String keyword() { return "AUTH"; }
        public String toLine() {
            return "AUTH" + mechanism.map(m -> " " + m).orElse("") + initialResponse.map(r -> " " + r).orElse("");
        }
        public boolean expectsMultiLine() { return mechanism.isEmpty(); }
        @Override
        public String toString() { return "Auth[" + mechanism + (initialResponse.isPresent() ? ", ********]" : "]"); }
    }

    /** STLS (RFC 2595 §4). */
    record Stls() implements Command {
        public String keyword() { return "STLS"; }
        public String toLine() { return "STLS"; }
    }

    /** CAPA (RFC 2449 §5). */
    record Capa() implements Command {
        public String keyword() { return "CAPA"; }
        public String toLine() { return "CAPA"; }
        public boolean expectsMultiLine() { return true; }
    }

    /** STAT (RFC 1939 §5). */
    record Stat() implements Command {
        public String keyword() { return "STAT"; }
        public String toLine() { return "STAT"; }
    }

    /** LIST [msg] (RFC 1939 §5): multi-line without an argument. */
    record List(OptionalInt message) implements Command {
        public String keyword() { return "LIST"; }
        public String toLine() { return message.isPresent() ? "LIST " + message.getAsInt() : "LIST"; }
        public boolean expectsMultiLine() { return message.isEmpty(); }
    }

    /** RETR msg (RFC 1939 §5). */
    record Retr(int message) implements Command {
        public String keyword() { return "RETR"; }
        public String toLine() { return "RETR " + message; }
        public boolean expectsMultiLine() { return true; }
    }

    /** DELE msg (RFC 1939 §5). */
    record Dele(int message) implements Command {
        public String keyword() { return "DELE"; }
        public String toLine() { return "DELE " + message; }
    }

    /** NOOP (RFC 1939 §5). */
    record Noop() implements Command {
        public String keyword() { return "NOOP"; }
        public String toLine() { return "NOOP"; }
    }

    /** RSET (RFC 1939 §5). */
    record Rset() implements Command {
        public String keyword() { return "RSET"; }
        public String toLine() { return "RSET"; }
    }

    /** QUIT (RFC 1939 §4 and §6). */
    record Quit() implements Command {
        public String keyword() { return "QUIT"; }
        public String toLine() { return "QUIT"; }
    }

    /** TOP msg n (RFC 1939 §7): the header, the blank line and the first n lines of the body. */
    record Top(int message, int lines) implements Command {
        public String keyword() { return "TOP"; }
        public String toLine() { return "TOP " + message + " " + lines; }
        public boolean expectsMultiLine() { return true; }
    }

    /** UIDL [msg] (RFC 1939 §7): multi-line without an argument. */
    record Uidl(OptionalInt message) implements Command {
        public String keyword() { return "UIDL"; }
        public String toLine() { return message.isPresent() ? "UIDL " + message.getAsInt() : "UIDL"; }
        public boolean expectsMultiLine() { return message.isEmpty(); }
    }

    /** LAST (RFC 1225, removed by RFC 1725): protocol history, off unless the server enables it. */
    record Last() implements Command {
        public String keyword() { return "LAST"; }
        public String toLine() { return "LAST"; }
    }

    /** A keyword this server does not know. */
    record Unknown(String keyword) implements Command {
        public String toLine() { return keyword; }
    }

    /** A known keyword with arguments that do not fit its syntax, or a line that is not text at all. */
    record Malformed(String keyword, String reason) implements Command {
        public String toLine() { return keyword; }
    }
}
