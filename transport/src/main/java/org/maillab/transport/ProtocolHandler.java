package org.maillab.transport;

import java.nio.ByteBuffer;

/**
 * A protocol's side of one connection (a POP3 or IMAP server session binds here). A
 * {@link HandlerFactory} creates one per accepted connection.
 *
 * <h2>Threads and order</h2>
 * Every callback runs on a worker thread, never on the selector thread, so it may do blocking store
 * I/O. Callbacks of one connection never overlap and come in order: {@link #onConnect} first, then one
 * event per framed line or literal chunk as the client sent them (a pipelining client's commands are
 * handled one after another and their replies go out in the same order), and {@link #onClose} last,
 * exactly once. While a callback runs, or while the connection's output is backed up (a large reply is
 * still streaming), the next line is not delivered and, once a small input buffer is full, the socket is
 * not read: that is the back-pressure.
 *
 * <h2>Input</h2>
 * Lines come without their terminator (CRLF; a bare LF is accepted). A line longer than the listener's
 * {@link ListenerConfig#maxLineLength()} is read to its end, thrown away, and reported by
 * {@link #onLineTooLong} instead (answer {@code -ERR} / {@code BAD} and go on). After a line announcing an
 * IMAP literal, call {@link Connection#expectLiteral(long)} inside {@code onLine}: the next bytes then
 * arrive through {@link #onLiteralChunk} and {@link #onLiteralEnd}, never as lines; after the literal,
 * the rest of the command arrives as the next line.
 *
 * <h2>Exceptions</h2>
 * A callback that throws (any {@code Throwable}, a {@code StackOverflowError} too) is a bug: the client
 * gets {@link #failureGoodbye()} if there is one, the connection is closed ({@link
 * CloseReason#HANDLER_FAILED}) and the server goes on. Bad client input is not an exception; answer it
 * with the protocol's error.
 */
public interface ProtocolHandler {

    /** The connection is accepted (for implicit TLS: the handshake may still be running). Send the greeting. */
    void onConnect(Connection connection);

    /**
     * One line from the client, without its line terminator. The array is the handler's to keep.
     * Inside this call the handler may call {@link Connection#expectLiteral}, {@link Connection#discardLiteral}
     * or {@link Connection#startTls()}.
     */
    void onLine(Connection connection, byte[] line);

    /**
     * A line longer than the maximum was discarded (its {@code length} in bytes, without terminator). The
     * next event is the next line. Typical answer: {@code -ERR line too long} / {@code * BAD line too long}.
     */
    void onLineTooLong(Connection connection, long length);

    /**
     * The next bytes of a literal requested with {@link Connection#expectLiteral(long)}; at most
     * {@link ListenerConfig#literalChunkSize()} bytes. The buffer is read-only and valid only during the
     * call: write it to a file, a digest or a store upload, do not keep it. The default throws, since a
     * protocol that asks for literals must handle them.
     */
    default void onLiteralChunk(Connection connection, ByteBuffer chunk) {
        throw new UnsupportedOperationException("this protocol requested no literal");
    }

    /** The literal of {@code size} bytes is complete; the rest of the command follows as a line. */
    default void onLiteralEnd(Connection connection, long size) {
        throw new UnsupportedOperationException("this protocol requested no literal");
    }

    /**
     * The client was silent for the connection's idle timeout (RFC 1939 §3 autologout, RFC 9051 §5.4).
     * The default closes the connection. A protocol may first write its goodbye ({@code * BYE ...}) and then
     * call {@link Connection#close()}. If the handler does not close, the timer starts over; if the
     * connection times out again while closing (the client does not even read), it is aborted.
     */
    default void onIdleTimeout(Connection connection) {
        connection.close();
    }

    /**
     * The server is shutting down gracefully. The default closes the connection after its output is
     * flushed; IMAP may first send {@code * BYE shutting down}. Connections still open when the grace
     * period ends are aborted.
     */
    default void onShutdown(Connection connection) {
        connection.close();
    }

    /**
     * The line sent before the connection closes because a callback failed, so that the client is answered
     * rather than left waiting (IMAP {@code * BYE}, POP3 {@code -ERR}); null (the default) closes at once.
     */
    default String failureGoodbye() {
        return null;
    }

    /**
     * The connection is closed (for whatever {@code reason}); the last callback. Release locks and state
     * here: a POP3 session that did not reach UPDATE deletes nothing and unlocks its maildrop.
     */
    void onClose(Connection connection, CloseReason reason);
}
