package org.maillab.imap.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state transitions of RFC 9051 §3 (its state diagram), as data: the session moves only through
 * these, and the docs' diagram and the transcripts are drawn from the same table.
 */
public enum Transition {
    /** LOGIN or AUTHENTICATE succeeded (RFC 9051 §3.1 → §3.2). */
    AUTHENTICATED(EnumSet.of(SessionState.NOT_AUTHENTICATED), SessionState.AUTHENTICATED),
    /** SELECT or EXAMINE succeeded (§3.3). */
    SELECTED(EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED), SessionState.SELECTED),
    /** CLOSE, UNSELECT, or a failed SELECT/EXAMINE while selected (§6.3.2). */
    DESELECTED(EnumSet.of(SessionState.SELECTED), SessionState.AUTHENTICATED),
    /** LOGOUT, or the server ends the connection (§3.4). */
    LOGGED_OUT(EnumSet.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED, SessionState.SELECTED),
            SessionState.LOGOUT);

    private final Set<SessionState> from;
    private final SessionState to;

    Transition(Set<SessionState> from, SessionState to) {
        this.from = from;
        this.to = to;
    }

    public Set<SessionState> from() {
        return from;
    }

    public SessionState to() {
        return to;
    }

    /** The state after this transition from {@code state}; an invariant breach if not allowed from there. */
    SessionState apply(SessionState state) {
        if (!from.contains(state)) {
            throw new IllegalStateException(this + " is not a transition from " + state);
        }
        return to;
    }
}
