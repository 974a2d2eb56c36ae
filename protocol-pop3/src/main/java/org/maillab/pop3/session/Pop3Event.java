package org.maillab.pop3.session;

/** What can move a POP3 session to another state; the rows of {@link Pop3StateTable} name these. */
public enum Pop3Event {
    /** PASS, APOP or AUTH succeeded and the maildrop lock was taken (RFC 1939 §4). */
    LOGIN("PASS, APOP or AUTH accepted, maildrop locked"),
    /** The client sent QUIT (RFC 1939 §4, §6). */
    QUIT("client sends QUIT"),
    /** UPDATE removed the marked messages and released the lock (RFC 1939 §6). */
    UPDATE_DONE("deletions committed, lock released"),
    /** Too many failed logins: the server ends the session (RFC 1939 §13). */
    TOO_MANY_FAILURES("too many failed logins"),
    /** The connection broke or the autologout timer fired: no UPDATE, nothing deleted (RFC 1939 §3, §6). */
    CONNECTION_LOST("connection lost or autologout timer (nothing deleted)");

    private final String description;

    Pop3Event(String description) {
        this.description = description;
    }

    /** What the event means, as the state diagram labels it. */
    public String description() {
        return description;
    }
}
