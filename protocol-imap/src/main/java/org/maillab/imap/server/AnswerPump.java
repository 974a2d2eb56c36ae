package org.maillab.imap.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.maillab.imap.codec.Encoded;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.session.ImapConnection;
import org.maillab.transport.Connection;

/**
 * Writes one connection's output, and a FETCH answer message by message as the transport drains it.
 * The session opens each message's literals when it makes that message's response, so a message
 * another session expunges meanwhile is still sent whole (an open file keeps its bytes, RFC 2180
 * §4.1.1); this class keeps at most {@link #WINDOW} such opened literals queued, asks for the next
 * message when one of them has been sent, and closes those never sent when the connection goes.
 *
 * <p>{@link #write} and {@link #pump} run serially with the handler's callbacks; the transport reads
 * (and closes) the literals on its workers.
 */
final class AnswerPump {

    /** Opened literals queued at once per connection: bounds the files a FETCH holds open. */
    static final int WINDOW = 8;

    private final ImapConnection imap;
    private final Connection connection;
    private final AtomicInteger queued = new AtomicInteger();
    /** Opened literals the transport has not taken yet: released if the connection ends first. */
    private final Set<Literal> untaken = ConcurrentHashMap.newKeySet();
    private boolean closed;

    AnswerPump(ImapConnection imap, Connection connection) {
        this.imap = imap;
        this.connection = connection;
    }

    /** Continues the answer being produced while fewer than {@link #WINDOW} opened literals are queued. */
    void pump() {
        while (!closed && imap.answering() && queued.get() < WINDOW) {
            write(imap.continueAnswer());
        }
    }

    /** Queues output: octets as they are, literals streamed (opened ones counted against the window). */
    void write(List<Encoded> output) {
        for (Encoded e : output) {
            for (Encoded.Chunk chunk : e.chunks()) {
                if (chunk instanceof Encoded.Chunk.Octets o) {
                    connection.write(o.bytes());
                } else if (chunk instanceof Encoded.Chunk.LiteralOctets l) {
                    stream(l.literal());
                }
            }
        }
    }

    private void stream(Literal literal) {
        if (!(literal instanceof Literal.Opened)) {
            connection.stream(literal::open);
            return;
        }
        queued.incrementAndGet();
        untaken.add(literal);
        connection.stream(() -> {
            untaken.remove(literal);
            return new Counted(literal.open());
        });
    }

    /** The connection is gone: nothing more is produced, and opened literals never taken are closed. */
    void close() {
        closed = true;
        for (Literal l : untaken) {
            l.release();
        }
        untaken.clear();
    }

    /** An opened literal being sent: when the transport closes it, the window has room again. */
    private final class Counted extends FilterInputStream {
        private final AtomicBoolean done = new AtomicBoolean();

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (done.compareAndSet(false, true)) {
                    queued.decrementAndGet();
                    connection.execute(AnswerPump.this::pump);
                }
            }
        }
    }
}
