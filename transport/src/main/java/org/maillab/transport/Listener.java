package org.maillab.transport;

import java.net.InetSocketAddress;

/** A bound listening socket of a {@link TransportServer}. */
public interface Listener {

    /** Its configuration. */
    ListenerConfig config();

    /** The bound address (with the real port when the configured port was 0). */
    InetSocketAddress localAddress();

    /** The bound port. */
    default int port() {
        return localAddress().getPort();
    }

    /** Connections currently open on this listener. */
    int openConnections();
}
