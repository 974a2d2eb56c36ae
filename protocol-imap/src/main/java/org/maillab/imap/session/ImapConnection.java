package org.maillab.imap.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Encoded;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseFormatter;

/**
 * Bytes in, wire data out: a {@link Framer} feeding an {@link ImapSession}, with the continuation
 * requests literals need. Still no sockets: the server glue and the transcript tests both drive this.
 */
public final class ImapConnection {

    private final ImapSession session;
    private final Framer framer;
    private boolean closed;

    /** What one batch of input produced. */
    public record Result(List<Encoded> output, SessionOutput.Action action) {
        public Result {
            output = List.copyOf(output);
        }
    }

    public ImapConnection(ImapSession session, Framer framer) {
        this.session = session;
        this.framer = framer;
    }

    public ImapSession session() {
        return session;
    }

    /** The greeting to send when the connection opens. */
    public List<Encoded> greeting() {
        return format(session.greeting());
    }

    /**
     * Feeds received bytes. Stops at STARTTLS or at the end of the session: bytes after a STARTTLS
     * command must not be read as commands under the new TLS layer (RFC 9051 §11.1, plaintext injection).
     */
    public Result onBytes(ByteBuffer in) {
        List<Encoded> out = new ArrayList<>();
        if (closed) {
            return new Result(out, SessionOutput.Action.CLOSE);
        }
        for (FramerEvent event : framer.feed(in)) {
            while (session.answering()) {
                // Several commands in one batch (never from the server, which feeds one line at a time):
                // the previous answer is completed before the next command is read.
                out.addAll(format(session.continueAnswer()));
            }
            SessionOutput result;
            if (event instanceof FramerEvent.ContinuationNeeded) {
                out.add(ResponseFormatter.format(new Response.Continuation("Ready for literal data")));
                continue;
            } else if (event instanceof FramerEvent.Rejected rejected) {
                result = session.rejected(rejected);
            } else {
                FramerEvent.Complete complete = (FramerEvent.Complete) event;
                if (session.awaitingRawLine()) {
                    result = session.handleRawLine(complete.frame().firstLine());
                    complete.frame().release();
                } else {
                    result = session.handle(CommandParser.parse(complete.frame()));
                }
            }
            out.addAll(format(result.responses()));
            if (result.action() != SessionOutput.Action.CONTINUE) {
                if (result.action() == SessionOutput.Action.CLOSE) {
                    closed = true;
                    framer.close();
                }
                return new Result(out, result.action());
            }
        }
        return new Result(out, SessionOutput.Action.CONTINUE);
    }

    /** The I/O layer dropped an over-long line itself: answer as the framer would have. */
    public Result lineTooLong() {
        SessionOutput result = session.rejected(new FramerEvent.Rejected(java.util.Optional.empty(),
                FramerEvent.Reason.LINE_TOO_LONG, false));
        return new Result(format(result.responses()), result.action());
    }

    /** Octets of literal the framer waits for next, or -1 (see {@link Framer#literalRemaining()}). */
    public long literalRemaining() {
        return framer.literalRemaining();
    }

    /**
     * Whether the last command's answer is still being produced: a FETCH answered message by message
     * after {@link ImapSession#answerIncrementally()}. Call {@link #continueAnswer()} until it is not,
     * before feeding more bytes.
     */
    public boolean answering() {
        return session.answering();
    }

    /** The next part of the answer (see {@link ImapSession#continueAnswer()}). */
    public List<Encoded> continueAnswer() {
        return format(session.continueAnswer());
    }

    /** Updates to push while idling. */
    public List<Encoded> pendingUpdates() {
        return format(session.pendingUpdates());
    }

    /** The peer went away: free a half-received literal and the session's mailbox. */
    public void disconnected() {
        closed = true;
        framer.close();
        session.close();
    }

    private static List<Encoded> format(List<Response> responses) {
        List<Encoded> out = new ArrayList<>(responses.size());
        for (Response r : responses) {
            out.add(ResponseFormatter.format(r));
        }
        return out;
    }
}
