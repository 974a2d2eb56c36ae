package org.maillab.imap.session;

/** The states of an IMAP connection (RFC 9051 §3, figure in §3.5). */
public enum SessionState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
