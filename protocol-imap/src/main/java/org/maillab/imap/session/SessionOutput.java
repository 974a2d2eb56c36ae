package org.maillab.imap.session;

import java.util.List;
import org.maillab.imap.codec.Response;

/**
 * What the session answers to one input: responses to send, in order, and what the connection must do
 * next.
 */
public record SessionOutput(List<Response> responses, Action action) {

    /** What the I/O layer does after sending the responses. */
    public enum Action {
        /** Read the next command. */
        CONTINUE,
        /** Start the TLS handshake, then call {@link ImapSession#tlsStarted()} (RFC 9051 §6.2.1). */
        START_TLS,
        /** Close the connection. */
        CLOSE,
        /** Switch both directions to DEFLATE right after the tagged OK (RFC 4978 §3). */
        START_COMPRESSION
    }

    public SessionOutput {
        responses = List.copyOf(responses);
    }

    static SessionOutput of(List<Response> responses) {
        return new SessionOutput(responses, Action.CONTINUE);
    }
}
