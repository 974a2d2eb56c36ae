package org.maillab.transport.transcript;

import java.time.Instant;

/**
 * One line of a wire transcript.
 *
 * @param time         when it happened (the server's clock)
 * @param connectionId the connection's id, unique within one server
 * @param kind         what it is
 * @param text         the line without its terminator (client lines already masked), or a note
 */
public record TranscriptEntry(Instant time, long connectionId, Kind kind, String text) {

    /** What a transcript line records. */
    public enum Kind {
        /** A connection was accepted; text says from where and on which listener. */
        OPEN("*"),
        /** A line (or literal summary) the client sent. */
        CLIENT("C:"),
        /** A line (or streamed-body summary) the server sent. */
        SERVER("S:"),
        /** The protocol reported a state change (e.g. AUTHORIZATION -> TRANSACTION). */
        STATE("*"),
        /** Anything else worth knowing: TLS established, idle timeout, limits. */
        NOTE("*"),
        /** The connection is closed; text says why. */
        CLOSE("*");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** {@code C:}, {@code S:} or {@code *}. */
        public String prefix() {
            return prefix;
        }
    }

    /** The entry as a transcript line: {@code 2026-11-27T00:05:19.123Z [7] C: USER alice}. */
    public String format() {
        return time + " [" + connectionId + "] " + withoutTime();
    }

    /** The entry without time and id, e.g. {@code C: USER alice} or {@code * state TRANSACTION} (tests). */
    public String withoutTime() {
        return switch (kind) {
            case STATE -> "* state " + text;
            case OPEN, NOTE, CLOSE -> "* " + text;
            case CLIENT, SERVER -> kind.prefix() + " " + text;
        };
    }
}
