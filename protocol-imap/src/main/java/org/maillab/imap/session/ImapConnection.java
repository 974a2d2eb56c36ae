package org.maillab.imap.session;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.maillab.imap.codec.CommandParser;
import org.maillab.imap.codec.Encoded;
import org.maillab.imap.codec.Frame;
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
    /** Input framed but not handled yet: it waits while an answer is being produced. */
    private final ArrayDeque<FramerEvent> waiting = new ArrayDeque<>();
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
     * While an answer is still being produced ({@link #answering()}), the commands received wait for it.
     */
    public Result onBytes(ByteBuffer in) {
        if (closed) {
            return new Result(List.of(), SessionOutput.Action.CLOSE);
        }
        waiting.addAll(framer.feed(in));
        return process(new ArrayList<>());
    }

    /** Handles the waiting input in order, until it is done, an answer is unfinished or the session ends. */
    private Result process(List<Encoded> out) {
        while (!waiting.isEmpty() && !session.answering()) {
            FramerEvent event = waiting.poll();
            SessionOutput result;
            if (event instanceof FramerEvent.ContinuationNeeded) {
                out.add(ResponseFormatter.format(new Response.Continuation("Ready for literal data")));
                continue;
            } else if (event instanceof FramerEvent.Rejected rejected) {
                result = session.rejected(rejected);
            } else {
                // The frame owns its literals (spool files): whatever the answer (OK, NO, BAD, a parse
                // error, an exception), they are freed once the command has been handled.
                Frame frame = ((FramerEvent.Complete) event).frame();
                try {
                    result = session.awaitingRawLine() ? session.handleRawLine(frame.firstLine())
                            : session.handle(CommandParser.parse(frame));
                } finally {
                    frame.release();
                }
            }
            out.addAll(format(result.responses()));
            if (result.action() != SessionOutput.Action.CONTINUE) {
                dropWaiting();
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
        if (closed) {
            return new Result(List.of(), SessionOutput.Action.CLOSE);
        }
        waiting.add(new FramerEvent.Rejected(java.util.Optional.empty(), FramerEvent.Reason.LINE_TOO_LONG, false));
        return process(new ArrayList<>());
    }

    /**
     * Whether the last command's answer is still being produced: a FETCH answered message by message
     * after {@link ImapSession#answerIncrementally()}. The I/O layer calls {@link #continueAnswer()} when
     * it has room for more output, until this is false.
     */
    public boolean answering() {
        return session.answering();
    }

    /**
     * The next part of the answer (see {@link ImapSession#continueAnswer()}); once it is complete, the
     * answers to the commands that arrived meanwhile.
     */
    public Result continueAnswer() {
        if (closed) {
            return new Result(List.of(), SessionOutput.Action.CLOSE);
        }
        return process(new ArrayList<>(format(session.continueAnswer())));
    }

    /** Whether the framer is inside a command: the next line continues it (see {@link Framer#midCommand()}). */
    public boolean midCommand() {
        return framer.midCommand();
    }

    /** Octets of literal the framer waits for next, or -1 (see {@link Framer#literalRemaining()}). */
    public long literalRemaining() {
        return framer.literalRemaining();
    }

    /** Updates to push while idling. */
    public List<Encoded> pendingUpdates() {
        return format(session.pendingUpdates());
    }

    /** The peer went away: free a half-received literal and the session's mailbox. */
    public void disconnected() {
        closed = true;
        dropWaiting();
        framer.close();
        session.close();
    }

    /** Frees the literals of commands that will not be handled (spool files). */
    private void dropWaiting() {
        for (FramerEvent event : waiting) {
            if (event instanceof FramerEvent.Complete complete) {
                complete.frame().release();
            }
        }
        waiting.clear();
    }

    private static List<Encoded> format(List<Response> responses) {
        List<Encoded> out = new ArrayList<>(responses.size());
        for (Response r : responses) {
            out.add(ResponseFormatter.format(r));
        }
        return out;
    }
}
