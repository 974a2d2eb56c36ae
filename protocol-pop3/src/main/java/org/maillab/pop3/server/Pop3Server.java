package org.maillab.pop3.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.maillab.mailstore.MailStore;
import org.maillab.pop3.session.Pop3Session;
import org.maillab.transport.HandlerFactory;
import org.maillab.transport.Listener;
import org.maillab.transport.ListenerConfig;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;

/**
 * MailLab's POP3 server: {@link Pop3Session}s bound to the {@code transport} module's NIO server.
 *
 * <p>Two ways to use it. {@link #listenerConfig} and {@link #implicitTlsListenerConfig} give listener
 * configurations for a {@link TransportServer} you run yourself, next to other protocols (this is what
 * {@code maillab serve} does). {@link #start} runs a server of its own, for tests and small programs:
 *
 * <pre>{@code
 * try (Pop3Server server = Pop3Server.start(store, Pop3ServerConfig.defaults(),
 *         new InetSocketAddress("127.0.0.1", 0), null)) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 */
public final class Pop3Server implements AutoCloseable {

    private final TransportServer transport;
    private final Listener listener;

    private Pop3Server(TransportServer transport, Listener listener) {
        this.transport = transport;
        this.listener = listener;
    }

    /**
     * Starts a server with one plaintext listener (offering STLS if {@code tls} is given).
     *
     * @param tls the server's TLS context, or {@code null} for no STLS
     */
    public static Pop3Server start(MailStore store, Pop3ServerConfig config, InetSocketAddress address,
            SSLContext tls) throws IOException {
        return start(store, config, address, tls, ServerConfig.defaults());
    }

    /** As {@link #start(MailStore, Pop3ServerConfig, InetSocketAddress, SSLContext)}, with transport settings. */
    public static Pop3Server start(MailStore store, Pop3ServerConfig config, InetSocketAddress address,
            SSLContext tls, ServerConfig transportConfig) throws IOException {
        TransportServer transport = TransportServer.start(transportConfig);
        try {
            return new Pop3Server(transport, transport.listen(listenerConfig(store, config, address, tls)));
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * A plaintext POP3 listener (port 110 in the RFC, 1110 in the lab), with STLS if {@code tls} is
     * not {@code null}.
     */
    public static ListenerConfig listenerConfig(MailStore store, Pop3ServerConfig config, InetSocketAddress address,
            SSLContext tls) {
        ListenerConfig listener = base("pop3", store, config, address, tls != null, false);
        return tls == null ? listener : listener.withTls(tls);
    }

    /** A POP3S listener: TLS from the first byte (RFC 8314; port 995, 1995 in the lab). */
    public static ListenerConfig implicitTlsListenerConfig(MailStore store, Pop3ServerConfig config,
            InetSocketAddress address, SSLContext tls) {
        Objects.requireNonNull(tls, "tls");
        return base("pop3s", store, config, address, false, true).withImplicitTls(tls);
    }

    private static ListenerConfig base(String name, MailStore store, Pop3ServerConfig config,
            InetSocketAddress address, boolean stls, boolean implicitTls) {
        Supplier<String> timestamps = config.apopTimestamps() != null ? config.apopTimestamps()
                : new ApopTimestamps(config.hostname(), Clock.systemUTC())::next;
        HandlerFactory handlers = connection -> new Pop3Handler(new Pop3Session(store,
                config.session().withTlsAvailable(stls), timestamps.get(), implicitTls));
        return ListenerConfig.of(name, address, handlers)
                .withMaxLineLength(config.maxLineLength())
                .withIdleTimeout(config.autologout())
                .withAuthTimeout(config.authTimeout())
                .withConnectionLimits(config.maxConnections(), config.maxConnectionsPerAddress(),
                        "-ERR [SYS/TEMP] too many connections, try again later");
    }

    /** The port the listener is bound to (useful with port 0). */
    public int port() {
        return listener.port();
    }

    /** The listener's address. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** Connections open now. */
    public int openConnections() {
        return listener.openConnections();
    }

    /** Stops gracefully: no new connections, sessions told and closed without UPDATE. */
    @Override
    public void close() {
        transport.close();
    }
}
