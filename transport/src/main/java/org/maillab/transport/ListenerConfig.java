package org.maillab.transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One listening socket and what the protocol wants from the transport on it. Immutable; start with
 * {@link #of} and change with the {@code with...} methods:
 *
 * <pre>{@code
 * ListenerConfig pop3 = ListenerConfig.of("pop3", new InetSocketAddress("127.0.0.1", 1110), Pop3Handler::new)
 *         .withMaxLineLength(255 - 2)                     // RFC 2449 §4: commands up to 255 octets with CRLF
 *         .withIdleTimeout(Duration.ofMinutes(10))         // RFC 1939 §3: at least 10 minutes
 *         .withConnectionLimits(200, 20, "-ERR [SYS/TEMP] too many connections")
 *         .withTls(sslContext);                            // enables STLS; withImplicitTls() for POP3S
 * }</pre>
 *
 * @param name                     a short protocol name for the transcript ({@code "pop3"}, {@code "imaps"})
 * @param address                  where to listen; port 0 picks a free port (see {@link Listener#port()})
 * @param handlers                 creates each connection's handler
 * @param maxLineLength            the longest client line, without CRLF; longer ones are discarded and
 *                                 reported by {@link ProtocolHandler#onLineTooLong}
 * @param maxLiteralSize           the largest literal {@link Connection#expectLiteral} accepts
 * @param literalChunkSize         the largest {@link ProtocolHandler#onLiteralChunk} chunk
 * @param idleTimeout              the initial idle timeout of each connection; {@code ZERO} for none
 * @param maxConnections           the most connections open at once on this listener
 * @param maxConnectionsPerAddress the most connections open at once from one client IP address
 * @param refusal                  sent (as is, include CRLF) to a connection over a limit before it is closed;
 *                                 empty to just close. Not sent on an implicit-TLS listener (it would not be
 *                                 TLS); those connections are just closed.
 * @param tls                      the server's TLS context, or {@code null}: required for
 *                                 {@link Connection#startTls()} and for implicit TLS
 * @param implicitTls              whether every connection starts with a TLS handshake (POP3S, IMAPS)
 * @param keepLineEnds             whether {@link ProtocolHandler#onLine} gets each line with its terminator
 *                                 (CRLF or a bare LF) instead of without it: SMTP's DATA must tell
 *                                 CRLF from a bare LF (RFC 5321 §2.3.8, §4.1.1.4)
 * @param authTimeout              how long a connection may stay unauthenticated, counted from connect
 *                                 whatever the client sends ({@link Connection#authenticated()} stops it;
 *                                 then {@link ProtocolHandler#onAuthTimeout}); {@code ZERO} for no limit
 */
public record ListenerConfig(
        String name,
        InetSocketAddress address,
        HandlerFactory handlers,
        int maxLineLength,
        long maxLiteralSize,
        int literalChunkSize,
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerAddress,
        byte[] refusal,
        SSLContext tls,
        boolean implicitTls,
        boolean keepLineEnds, Duration authTimeout) {

    /** 8 KiB: the longest line by default (POP3 needs 255, IMAP at least 8000 per RFC 7162 §4). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8 * 1024;
    /** 64 MiB: the largest literal by default. */
    public static final long DEFAULT_MAX_LITERAL_SIZE = 64L * 1024 * 1024;

    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(authTimeout, "authTimeout");
        if (maxLineLength < 1 || maxLineLength == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxLineLength " + maxLineLength);
        }
        if (maxLiteralSize < 0 || literalChunkSize < 1) {
            throw new IllegalArgumentException("literal limits " + maxLiteralSize + "/" + literalChunkSize);
        }
        if (idleTimeout.isNegative() || authTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts " + idleTimeout + "/" + authTimeout);
        }
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("connection limits " + maxConnections + "/" + maxConnectionsPerAddress);
        }
        if (implicitTls && tls == null) {
            throw new IllegalArgumentException("implicit TLS needs an SSLContext");
        }
        refusal = refusal.clone();
    }

    /**
     * A plaintext listener with the defaults: 8 KiB lines, 64 MiB literals in 16 KiB chunks, a 10 minute
     * idle timeout, at most 1000 connections and 100 per address, no refusal line, no TLS, no time limit
     * to authenticate (the protocols set one: the transport does not know what authenticating is).
     */
    public static ListenerConfig of(String name, InetSocketAddress address, HandlerFactory handlers) {
        return new ListenerConfig(name, address, handlers, DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LITERAL_SIZE,
                16 * 1024, Duration.ofMinutes(10), 1000, 100, new byte[0], null, false, false, Duration.ZERO);
    }

    @Override
    public byte[] refusal() {
        return refusal.clone();
    }

    public ListenerConfig withMaxLineLength(int max) {
        return new ListenerConfig(name, address, handlers, max, maxLiteralSize, literalChunkSize, idleTimeout,
                maxConnections, maxConnectionsPerAddress, refusal, tls, implicitTls, keepLineEnds, authTimeout);
    }

    public ListenerConfig withMaxLiteralSize(long max) {
        return new ListenerConfig(name, address, handlers, maxLineLength, max, literalChunkSize, idleTimeout,
                maxConnections, maxConnectionsPerAddress, refusal, tls, implicitTls, keepLineEnds, authTimeout);
    }

    public ListenerConfig withLiteralChunkSize(int size) {
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, size, idleTimeout,
                maxConnections, maxConnectionsPerAddress, refusal, tls, implicitTls, keepLineEnds, authTimeout);
    }

    public ListenerConfig withIdleTimeout(Duration timeout) {
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, literalChunkSize, timeout,
                maxConnections, maxConnectionsPerAddress, refusal, tls, implicitTls, keepLineEnds, authTimeout);
    }

    /** The connection limits and the line sent to a refused connection (CRLF is appended). */
    public ListenerConfig withConnectionLimits(int total, int perAddress, String refusalLine) {
        byte[] line = refusalLine == null || refusalLine.isEmpty()
                ? new byte[0] : (refusalLine + "\r\n").getBytes(StandardCharsets.UTF_8);
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, literalChunkSize,
                idleTimeout, total, perAddress, line, tls, implicitTls, keepLineEnds, authTimeout);
    }

    /** The time a connection has to authenticate, from connect; {@code ZERO} for no limit. */
    public ListenerConfig withAuthTimeout(Duration timeout) {
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, literalChunkSize,
                idleTimeout, maxConnections, maxConnectionsPerAddress, refusal, tls, implicitTls, keepLineEnds, timeout);
    }

    /** Enables {@link Connection#startTls()} with this context (see {@code org.maillab.transport.tls.TlsContexts}). */
    public ListenerConfig withTls(SSLContext context) {
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, literalChunkSize,
                idleTimeout, maxConnections, maxConnectionsPerAddress, refusal, context, implicitTls, keepLineEnds, authTimeout);
    }

    /** Every connection starts with a TLS handshake using this context (POP3S on 995, IMAPS on 993). */
    public ListenerConfig withImplicitTls(SSLContext context) {
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, literalChunkSize,
                idleTimeout, maxConnections, maxConnectionsPerAddress, refusal, context, true, keepLineEnds, authTimeout);
    }

    /** Lines reach the handler with their terminators (see {@link #keepLineEnds()}); for SMTP. */
    public ListenerConfig withLineEndsKept() {
        return new ListenerConfig(name, address, handlers, maxLineLength, maxLiteralSize, literalChunkSize,
                idleTimeout, maxConnections, maxConnectionsPerAddress, refusal, tls, implicitTls, true, authTimeout);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "ListenerConfig[" + name + " " + address + (implicitTls ? " implicit TLS" : tls != null ? " STARTTLS" : "")
                + "]";
    }
}
