package org.maillab.smtp.codec;

import java.util.Map;

/**
 * A client command (RFC 5321 §4.1.1, with the extensions' commands), parsed from one line by
 * {@link CommandParser}. Parameter values are already checked: a record here never holds a value the
 * RFC forbids.
 */
public sealed interface SmtpCommand {

    /** The verb as the transcript and the state table name it ({@code "MAIL"}). */
    String verb();

    /** HELO, EHLO (RFC 5321 §4.1.1.1) or LMTP's LHLO (RFC 2033 §4.1), with the client's domain. */
    record Hello(Kind kind, String domain) implements SmtpCommand {
        /** Which greeting: HELO offers no extensions; EHLO and LHLO list them. */
        public enum Kind { HELO, EHLO, LHLO }

        @Override
        public String verb() {
            return kind.name();
        }
    }

    /**
     * MAIL FROM:&lt;reverse-path&gt; [parameters] (RFC 5321 §4.1.1.2).
     *
     * @param sender     the reverse path's mailbox, or {@code null} for the null path {@code <>} (bounces)
     * @param size       the SIZE= parameter (RFC 1870 §6), or -1 when absent
     * @param body       the BODY= parameter (RFC 6152 §3), {@code "7BIT"} when absent
     * @param smtpUtf8   whether the SMTPUTF8 parameter was given (RFC 6531 §3.4)
     * @param parameters every parameter as sent, upper-case keys (AUTH= of RFC 4954 §5 among them)
     */
    record Mail(Address sender, long size, String body, boolean smtpUtf8, Map<String, String> parameters)
            implements SmtpCommand {
        @Override
        public String verb() {
            return "MAIL";
        }
    }

    /** RCPT TO:&lt;forward-path&gt; (RFC 5321 §4.1.1.3); {@code Postmaster} without a domain is allowed. */
    record Rcpt(Address recipient, Map<String, String> parameters) implements SmtpCommand {
        @Override
        public String verb() {
            return "RCPT";
        }
    }

    /** DATA (RFC 5321 §4.1.1.4). */
    record Data() implements SmtpCommand {
        @Override
        public String verb() {
            return "DATA";
        }
    }

    /** BDAT chunk-size [LAST] (RFC 3030 §2): the next {@code size} octets are message data. */
    record Bdat(long size, boolean last) implements SmtpCommand {
        @Override
        public String verb() {
            return "BDAT";
        }
    }

    /** RSET (RFC 5321 §4.1.1.5). */
    record Rset() implements SmtpCommand {
        @Override
        public String verb() {
            return "RSET";
        }
    }

    /** VRFY string (RFC 5321 §4.1.1.6); answered 252 (§3.5.3), it tells nobody who exists. */
    record Vrfy(String argument) implements SmtpCommand {
        @Override
        public String verb() {
            return "VRFY";
        }
    }

    /** HELP [string] (RFC 5321 §4.1.1.8). */
    record Help(String topic) implements SmtpCommand {
        @Override
        public String verb() {
            return "HELP";
        }
    }

    /** NOOP [string] (RFC 5321 §4.1.1.9). */
    record Noop() implements SmtpCommand {
        @Override
        public String verb() {
            return "NOOP";
        }
    }

    /** QUIT (RFC 5321 §4.1.1.10). */
    record Quit() implements SmtpCommand {
        @Override
        public String verb() {
            return "QUIT";
        }
    }

    /** STARTTLS (RFC 3207 §4). */
    record StartTls() implements SmtpCommand {
        @Override
        public String verb() {
            return "STARTTLS";
        }
    }

    /**
     * AUTH mechanism [initial-response] (RFC 4954 §4).
     *
     * @param mechanism       the SASL mechanism name, upper case
     * @param initialResponse the base64 initial response ({@code "="} for an empty one), or {@code null}
     */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {
        @Override
        public String verb() {
            return "AUTH";
        }

        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse == null ? "" : " ***") + "]"; // never the password
        }
    }

    /** A command this server does not implement (EXPN, TURN, ...) or does not know at all. */
    record Unknown(String verbSent) implements SmtpCommand {
        @Override
        public String verb() {
            return verbSent;
        }
    }

    /** A known command whose arguments break the grammar; {@code reply} says what was wrong. */
    record Invalid(String verbSent, SmtpReply reply) implements SmtpCommand {
        @Override
        public String verb() {
            return verbSent;
        }
    }
}
