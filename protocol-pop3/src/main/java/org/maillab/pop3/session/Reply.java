package org.maillab.pop3.session;

import java.util.List;
import org.maillab.pop3.codec.Response;

/**
 * What a session answers to one command line.
 *
 * @param response    the reply to send (a multi-line body is still a source, not bytes)
 * @param state       the session's state after the command
 * @param transitions the rows of {@link Pop3StateTable} this command fired, in order (often none)
 * @param after       what the connection must do once the reply is sent
 */
public record Reply(Response response, Pop3State state, List<Transition> transitions, After after) {

    /** What happens to the connection after the reply is written. */
    public enum After {
        /** Read the next command. */
        CONTINUE,
        /** Start the TLS handshake, then call {@link Pop3Session#tlsStarted()} (RFC 2595 §4). */
        START_TLS,
        /** Close the connection. */
        CLOSE
    }

    public Reply {
        transitions = List.copyOf(transitions);
    }
}
