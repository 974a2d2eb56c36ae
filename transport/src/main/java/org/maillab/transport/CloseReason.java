package org.maillab.transport;

/** Why a connection was closed; given to {@link ProtocolHandler#onClose}. */
public enum CloseReason {
    /** The handler called {@link Connection#close()} (or {@link Connection#abort()}). */
    BY_HANDLER,
    /** The client closed the connection or vanished (end of stream, reset, broken pipe). */
    CLIENT_CLOSED,
    /** The idle timeout passed and the handler closed, or the connection timed out again while closing. */
    IDLE_TIMEOUT,
    /** The time to authenticate passed and the handler closed, or the client did not take its goodbye. */
    AUTH_TIMEOUT,
    /** The TLS handshake or a TLS record failed. */
    TLS_FAILED,
    /**
     * A streamed reply's source failed while being sent; the reply could not be finished. Reported on the
     * transcript and standard error.
     */
    SOURCE_FAILED,
    /** A handler callback threw: a bug, reported on the transcript and standard error. */
    HANDLER_FAILED,
    /** The server shut down. */
    SHUTDOWN,
    /** Another I/O error on the socket. */
    IO_ERROR,
    /** After {@link Connection#startCompression()}, the client's input was not valid DEFLATE data. */
    COMPRESSION_FAILED
}
