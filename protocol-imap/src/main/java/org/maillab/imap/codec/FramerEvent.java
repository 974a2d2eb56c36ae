package org.maillab.imap.codec;

import java.util.Optional;

/** What the framer found in the bytes it was fed. */
public sealed interface FramerEvent {

    /** A complete command (server) or response (client), ready for the parser. */
    record Complete(Frame frame) implements FramerEvent {
    }

    /**
     * A synchronizing literal was announced and accepted: the server must now send a continuation
     * request ({@code + ...}) before the client sends the octets (RFC 9051 §4.3). Server role only.
     */
    record ContinuationNeeded(long literalSize) implements FramerEvent {
    }

    /**
     * A command was discarded before parsing. The server answers BAD (with {@code [TOOBIG]} for a
     * literal, RFC 4469/7888) using the tag if one was readable; if {@code closeConnection}, it says BYE
     * and closes, because the rest of the stream cannot be resynchronized cheaply.
     */
    record Rejected(Optional<String> tag, Reason reason, boolean closeConnection) implements FramerEvent {
    }

    /** Why a command was discarded. */
    enum Reason {
        LINE_TOO_LONG,
        LITERAL_TOO_LARGE,
        TOO_MANY_LITERALS,
        /** No room to spool the literal: the connection's or the server's spool bytes are in use. */
        SPOOL_FULL
    }
}
