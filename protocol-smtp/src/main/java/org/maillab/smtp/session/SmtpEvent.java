package org.maillab.smtp.session;

/** What moves an SMTP session between states; the rows of {@link SmtpStateTable} name these. */
public enum SmtpEvent {
    /** EHLO, HELO or LHLO accepted; any transaction in progress is reset (RFC 5321 §4.1.4). */
    HELLO("EHLO/HELO/LHLO accepted (resets a transaction)"),
    /** MAIL accepted (RFC 5321 §4.1.1.2). */
    MAIL("MAIL FROM accepted"),
    /** RCPT accepted (RFC 5321 §4.1.1.3). */
    RCPT("RCPT TO accepted"),
    /** DATA answered 354 (RFC 5321 §4.1.1.4). */
    DATA("DATA answered 354"),
    /** The data ended at {@code <CRLF>.<CRLF>}; the message was delivered or refused. */
    DATA_END("<CRLF>.<CRLF>: message delivered or refused"),
    /** A BDAT chunk without LAST was received (RFC 3030 §2). */
    CHUNK("BDAT chunk received"),
    /** BDAT ... LAST: the message is complete and was delivered or refused (RFC 3030 §2). */
    LAST_CHUNK("BDAT LAST: message delivered or refused"),
    /** RSET (RFC 5321 §4.1.1.5). */
    RSET("RSET"),
    /** STARTTLS answered 220: after the handshake the client greets again (RFC 3207 §4.2). */
    STARTTLS("STARTTLS: TLS starts, all state forgotten"),
    /** QUIT (RFC 5321 §4.1.1.10). */
    QUIT("QUIT"),
    /** Too many failed AUTH attempts: the server ends the session (RFC 4954 §4 lets it). */
    TOO_MANY_FAILURES("too many failed logins"),
    /** The connection broke or timed out: a transaction in progress is dropped, nothing delivered. */
    CONNECTION_LOST("connection lost or idle timeout (transaction dropped)");

    private final String description;

    SmtpEvent(String description) {
        this.description = description;
    }

    /** What the event means, as the state diagram labels it. */
    public String description() {
        return description;
    }
}
