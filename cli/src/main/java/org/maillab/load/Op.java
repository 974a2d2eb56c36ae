package org.maillab.load;

/**
 * One command to send: its type, its text after the tag (no CRLF) and, for APPEND, the message sent
 * as a synchronizing literal announced at the end of {@code text}.
 */
record Op(CommandType type, String text, byte[] literal) {

    static Op of(CommandType type, String text) {
        return new Op(type, text, null);
    }
}
