package org.maillab.pop3.session;

/**
 * The states of a POP3 session (RFC 1939 §3), plus {@link #CLOSED} for a session that is over.
 * What moves a session from one state to the next is data: see {@link Pop3StateTable}.
 */
public enum Pop3State {
    /** Greeting sent; the client identifies itself (USER/PASS, APOP or AUTH). */
    AUTHORIZATION,
    /** Logged in, maildrop locked: the client reads and marks messages. */
    TRANSACTION,
    /** After QUIT from TRANSACTION: marked messages are removed, the lock released (RFC 1939 §6). */
    UPDATE,
    /** The connection is over (not an RFC state; it ends every path through the table). */
    CLOSED
}
