package org.maillab.imap.codec;

/** What the response parser made of one frame. */
public sealed interface ParsedResponse {

    record Ok(Response response) implements ParsedResponse {
    }

    /** The server sent something outside the grammar; a client reports it and goes on or disconnects. */
    record Error(String reason, String line) implements ParsedResponse {
    }
}
