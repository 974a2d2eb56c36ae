package org.maillab.transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * One client connection as a protocol sees it. The transport does the socket I/O on its selector thread;
 * these methods only queue work for it, so they return at once and never block on the network.
 *
 * <h2>Output</h2>
 * {@link #write(byte[])}, {@link #writeLine(String)} and {@link #stream(ByteSource)} append to one output
 * queue that is sent in order; they may be called from any thread (an IMAP IDLE push, say), but a handler
 * normally calls them from its callbacks. Calls after {@link #close()} are ignored.
 *
 * <h2>Control (only from inside a {@link ProtocolHandler} callback)</h2>
 * {@link #expectLiteral}, {@link #discardLiteral}, {@link #startTls()} and {@link #startCompression()} affect how the bytes after the
 * current line are framed, so they must be called from {@code onLine} (or {@code onLiteralEnd}) of this
 * connection; from elsewhere they throw {@link IllegalStateException}.
 *
 * <h2>Transcript</h2>
 * If the server has a transcript sink, every client line is logged as {@code C:} (after the masking
 * described at {@link #setClientLineMasker}) and every line written as {@code S:}; the protocol adds its
 * state changes with {@link #transcriptState(String)}.
 */
public interface Connection {

    /** This connection's id, unique within the server (the transcript shows it). */
    long id();

    /** The listener's name (e.g. {@code "pop3"}), from {@link ListenerConfig#name()}. */
    String protocol();

    /** The client's address. */
    InetSocketAddress remoteAddress();

    /** The server's address of this connection. */
    InetSocketAddress localAddress();

    /**
     * Whether the connection uses TLS: implicit TLS from the start, or after {@link #startTls()} has taken
     * effect. Client input on a secure connection is only delivered once the handshake is complete.
     */
    boolean isSecure();

    /** Whether the connection is still open and {@link #close()} has not been called. */
    boolean isOpen();

    /** Queues bytes to send (copied; the caller may reuse the array). */
    void write(byte[] bytes);

    /** Queues {@code length} bytes of {@code bytes} from {@code offset} (copied; the caller may reuse the array). */
    default void write(byte[] bytes, int offset, int length) {
        write(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Queues {@code line} in UTF-8 followed by CRLF. */
    default void writeLine(String line) {
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Queues a streamed body: after all output queued before it has been sent, {@code source} is opened on a
     * worker thread and copied to the socket in 64 KiB chunks; while one chunk is being sent the next is read
     * ahead, and no further (at most two chunks in memory; back-pressure on a slow reader). Output queued
     * after it follows it.
     * While a stream is queued, the next client line is not delivered, so a pipelining client cannot make
     * the server open many streams at once. If the source throws, the connection is aborted
     * ({@link CloseReason#SOURCE_FAILED}) since the reply cannot be completed, and the failure is reported on
     * the transcript and standard error with the connection's id. The transcript shows a
     * summary line ({@code S: <streamed N bytes>}), not the body.
     */
    void stream(ByteSource source);

    /**
     * Switches to TLS (POP3 STLS, RFC 2595 §4; IMAP STARTTLS, RFC 9051 §6.2.1) once the output queued so far
     * (the protocol's OK reply, queued before this call) is sent. Every byte the client sent after the
     * current line in plaintext is discarded (RFC 2595 §2.2 / RFC 3207 §6: no command injection), and the
     * next line delivered is the first one received over TLS. Call from {@code onLine}.
     *
     * @throws IllegalStateException if already secure, if the listener has no {@link ListenerConfig#tls()}
     *                               context, if compression was started (TLS must come first), or when
     *                               called outside a callback of this connection
     */
    void startTls();

    /**
     * Switches the connection to raw DEFLATE (RFC 1951) in both directions, for IMAP's COMPRESS=DEFLATE
     * (RFC 4978 §3). Call from {@code onLine} right after writing the OK reply: the output queued so far
     * goes out as it is, everything written after this call is compressed; the client's bytes after the
     * current line are taken as compressed. On a TLS connection the compression runs inside TLS (RFC 4978
     * §3: compress, then encrypt). Compressed output is flushed (SYNC_FLUSH, RFC 4978 §4) whenever the
     * queue has nothing more to send at once, so a reply never waits in the compressor; streamed bodies
     * still stream. Inflated input meets the same line and literal limits as plain input, and is inflated
     * only as fast as it is framed (no decompression bomb can fill memory). Input that is not valid
     * DEFLATE data closes the connection ({@link CloseReason#COMPRESSION_FAILED}). Costs about 300 KiB of
     * native zlib memory per compressed connection.
     *
     * @throws IllegalStateException if already compressing, if a {@link #startTls()} is pending, or when
     *                               called outside a callback of this connection
     */
    void startCompression();

    /** Whether {@link #startCompression()} has been called on this connection. */
    boolean isCompressed();

    /**
     * The next {@code size} bytes after the current line are a literal (IMAP {@code {n}} or {@code {n+}}):
     * they arrive through {@link ProtocolHandler#onLiteralChunk} and {@link ProtocolHandler#onLiteralEnd}, then
     * line framing resumes. For a synchronizing literal, write the {@code + } continuation first. Call from
     * {@code onLine} or {@code onLiteralEnd}.
     *
     * @throws IllegalArgumentException if {@code size} is negative or above {@link #maxLiteralSize()};
     *                                  the protocol checks first and answers with its error (e.g. {@code
     *                                  [TOOBIG]}), using {@link #discardLiteral} for a non-synchronizing one
     */
    void expectLiteral(long size);

    /**
     * The next {@code size} bytes are a literal the protocol refused: they are skipped without events (RFC
     * 7888 §4, a non-synchronizing literal over the limit). No size limit, but skipping a huge literal
     * still reads it; a protocol may prefer to {@link #close()}. Call from {@code onLine} or
     * {@code onLiteralEnd}.
     */
    void discardLiteral(long size);

    /** The largest literal {@link #expectLiteral} accepts (the listener's limit; IMAP's APPENDLIMIT). */
    long maxLiteralSize();

    /**
     * Sets this connection's idle timeout (the client's silence after which
     * {@link ProtocolHandler#onIdleTimeout} is called); {@link Duration#ZERO} disables it. Starts counting
     * from now.
     */
    void setIdleTimeout(Duration timeout);

    /** Closes the connection once all queued output has been sent. Idempotent. */
    void close();

    /** Closes the connection now, dropping queued output. Idempotent. */
    void abort();

    /**
     * Runs {@code task} on a worker thread, serially with this connection's handler callbacks (never at the
     * same time as one). For work triggered elsewhere, e.g. a store event an IMAP session in IDLE must
     * announce. Ignored once the connection is closed.
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} after {@code delay}, serially with the callbacks, and holds this connection's
     * input until it has run: the client's next commands wait, unread, while no thread waits. For
     * answers that must not come at once (a failed login, {@link #loginFailed}). Ignored once the
     * connection is closed.
     */
    void executeAfter(Duration delay, Runnable task);

    /**
     * Counts a failed login on this connection for {@code account} (the name the client gave, or null)
     * with the server's {@link LoginThrottle}: the answer tells how long to delay the failure's reply
     * ({@link #executeAfter}) and whether to close the connection after it.
     */
    LoginThrottle.Verdict loginFailed(String account);

    /**
     * The client has logged in: the listener's time limit to authenticate
     * ({@link ListenerConfig#authTimeout()}) no longer applies. Idempotent.
     */
    void authenticated();

    /** Records a protocol state change in the transcript ({@code * state TRANSACTION}). */
    void transcriptState(String state);

    /** Records a note in the transcript ({@code * text}). */
    void transcriptNote(String text);

    /**
     * Sets the function applied to each client line before it is written to the transcript, so passwords
     * never reach it; e.g. POP3 maps {@code PASS secret} to {@code PASS ***}. It runs on the worker thread
     * just before {@link ProtocolHandler#onLine}, in line order, so it may keep state of its own. The
     * default is the identity.
     */
    void setClientLineMasker(UnaryOperator<String> masker);

    /**
     * The next client line is sensitive as a whole (e.g. the SASL response after {@code AUTH PLAIN} and the
     * server's {@code + }): the transcript shows {@code C: ***} for it. Applies before the masker.
     */
    void maskNextClientLine();
}
