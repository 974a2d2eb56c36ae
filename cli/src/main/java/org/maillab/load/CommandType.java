package org.maillab.load;

/** The kinds of IMAP command the load generator sends; statistics are kept per kind. */
public enum CommandType {
    LOGIN,
    SELECT,
    /** {@code FETCH n:m (FLAGS ENVELOPE)}: what a client lists in its message index. */
    FETCH_HEADERS,
    /** {@code FETCH n BODY.PEEK[]} or a partial {@code BODY.PEEK[]<0.N>}: opening a message. */
    FETCH_BODY,
    /** {@code STORE n +FLAGS/-FLAGS (...)}: marking read, flagged, deleted. */
    STORE,
    SEARCH,
    APPEND,
    EXPUNGE,
    LOGOUT
}
