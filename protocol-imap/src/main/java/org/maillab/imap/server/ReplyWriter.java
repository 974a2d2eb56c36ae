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
import org.maillab.transport.Connection;

/**
 * Queues one connection's replies on the transport: octets as they are, literals streamed. A FETCH is
 * answered message by message, each message's literals already opened (an open file keeps its bytes
 * if another session expunges the message meanwhile, RFC 2180 §4.1.1); this class counts such opened
 * literals queued and not yet sent, so the handler asks for the next message only while fewer than
 * {@link #WINDOW} are, and closes those never sent when the connection ends.
 *
 * <p>{@link #write} and {@link #close} run serially with the handler's callbacks; the transport opens
 * and closes the literals on its workers.
 */
final class ReplyWriter {

    /** Opened literals queued at once per connection: bounds the files one FETCH holds open. */
    static final int WINDOW = 8;

    private final Connection connection;
    private final Runnable onRoom;
    private final AtomicInteger queued = new AtomicInteger();
    /** Opened literals the transport has not taken yet: released if the connection ends first. */
    private final Set<Literal> untaken = ConcurrentHashMap.newKeySet();

    /** {@code onRoom} runs (through {@link Connection#execute}) each time an opened literal has been sent. */
    ReplyWriter(Connection connection, Runnable onRoom) {
        this.connection = connection;
        this.onRoom = onRoom;
    }

    /** Whether fewer than {@link #WINDOW} opened literals are queued. */
    boolean hasRoom() {
        return queued.get() < WINDOW;
    }

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

    /** The connection is gone: opened literals the transport never took are closed. */
    void close() {
        for (Literal l : untaken) {
            l.release();
        }
        untaken.clear();
    }

    /** An opened literal being sent: when the transport closes it, there is room for one more. */
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
                    connection.execute(onRoom);
                }
            }
        }
    }
}
