package org.maillab.smtp.session;

import java.util.List;
import org.maillab.smtp.codec.SmtpReply;

/**
 * What the session answers to one input: the replies to send (several for LMTP's DATA, RFC 2033 §4.2;
 * none while DATA lines or a BDAT chunk are still coming), the state table's rows that fired, and what
 * the I/O layer must do next.
 *
 * @param replies     the replies, in order
 * @param transitions the transitions taken, in order
 * @param after       what the connection does after sending the replies
 * @param chunkSize   for {@link After#READ_CHUNK} and {@link After#SKIP_CHUNK}: the octets that follow
 */
public record Step(List<SmtpReply> replies, List<Transition> transitions, After after, long chunkSize) {

    /** What the I/O layer does after the replies. */
    public enum After {
        /** Read the next line. */
        CONTINUE,
        /** Switch to TLS (RFC 3207 §4.2), dropping plaintext the client sent after STARTTLS. */
        START_TLS,
        /** Close the connection after the replies. */
        CLOSE,
        /** The next {@code chunkSize} octets are a BDAT chunk: hand them to {@link SmtpSession#chunk}. */
        READ_CHUNK,
        /** The next {@code chunkSize} octets are a refused BDAT chunk: read and drop them (RFC 3030 §2). */
        SKIP_CHUNK
    }

    public Step {
        replies = List.copyOf(replies);
        transitions = List.copyOf(transitions);
    }

    static Step reply(SmtpReply reply) {
        return new Step(List.of(reply), List.of(), After.CONTINUE, 0);
    }

    static Step nothing() {
        return new Step(List.of(), List.of(), After.CONTINUE, 0);
    }
}
