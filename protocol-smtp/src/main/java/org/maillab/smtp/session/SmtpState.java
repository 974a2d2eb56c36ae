package org.maillab.smtp.session;

/**
 * The states of an SMTP or LMTP session. RFC 5321 §4.1.4 gives the order of commands rather than named
 * states; these names are ours, one per step of a mail transaction (§3.3).
 */
public enum SmtpState {
    /** Greeting sent; the client must say EHLO, HELO (or LHLO in LMTP) first. */
    CONNECTED,
    /** Greeted; no mail transaction in progress. AUTH and STARTTLS are allowed here. */
    READY,
    /** MAIL accepted: the transaction has a sender, no recipient yet. */
    SENDER,
    /** At least one RCPT accepted: DATA or BDAT may follow. */
    RECIPIENTS,
    /** After DATA's 354: every line is message data until {@code <CRLF>.<CRLF>}. */
    DATA,
    /** BDAT chunks received without LAST (RFC 3030). */
    CHUNKING,
    /** The session is over (QUIT, too many failed logins, or the connection was lost). */
    CLOSED
}
