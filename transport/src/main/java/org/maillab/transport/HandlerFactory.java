package org.maillab.transport;

/**
 * Creates the {@link ProtocolHandler} of each accepted connection. Called on a worker thread, just before
 * {@link ProtocolHandler#onConnect}; the handler may keep the connection (e.g. to push IMAP IDLE updates
 * through {@link Connection#execute(Runnable)}).
 */
@FunctionalInterface
public interface HandlerFactory {

    /** A new handler for {@code connection}. */
    ProtocolHandler newHandler(Connection connection);
}
