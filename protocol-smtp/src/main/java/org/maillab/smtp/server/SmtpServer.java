package org.maillab.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.maillab.mailstore.MailStore;
import org.maillab.smtp.session.SmtpBackend;
import org.maillab.smtp.session.SmtpSession;
import org.maillab.transport.HandlerFactory;
import org.maillab.transport.Listener;
import org.maillab.transport.ListenerConfig;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;

/**
 * MailLab's SMTP and LMTP server: {@link SmtpSession}s bound to the {@code transport} module's NIO server.
 *
 * <p>Two ways to use it, as with POP3 and IMAP. {@link #listenerConfig} and {@link #lmtpListenerConfig}
 * give listener configurations for a {@link TransportServer} you run yourself, next to other protocols
 * (this is what {@code maillab serve} does). {@link #start} runs a server of its own:
 *
 * <pre>{@code
 * try (SmtpServer server = SmtpServer.start(store, SmtpServerConfig.defaults(),
 *         new InetSocketAddress("127.0.0.1", 0), null)) {
 *     int port = server.port();   // mail for alice@localhost lands in alice's INBOX
 *     ...
 * }
 * }</pre>
 */
public final class SmtpServer implements AutoCloseable {

    private static final AtomicLong SESSIONS = new AtomicLong();

    private final TransportServer transport;
    private final Listener listener;

    private SmtpServer(TransportServer transport, Listener listener) {
        this.transport = transport;
        this.listener = listener;
    }

    /**
     * Starts an SMTP server with one listener (offering STARTTLS if {@code tls} is given).
     *
     * @param tls the server's TLS context, or {@code null} for no STARTTLS
     */
    public static SmtpServer start(MailStore store, SmtpServerConfig config, InetSocketAddress address, SSLContext tls)
            throws IOException {
        return start(listenerConfig(store, config, address, tls), ServerConfig.defaults());
    }

    /** An LMTP server (RFC 2033) with one listener. */
    public static SmtpServer startLmtp(MailStore store, SmtpServerConfig config, InetSocketAddress address,
            SSLContext tls) throws IOException {
        return start(lmtpListenerConfig(store, config, address, tls), ServerConfig.defaults());
    }

    /** A server with one listener made by {@link #listenerConfig} or {@link #lmtpListenerConfig}, with transport settings. */
    public static SmtpServer start(ListenerConfig listenerConfig, ServerConfig transportConfig) throws IOException {
        TransportServer transport = TransportServer.start(transportConfig);
        try {
            return new SmtpServer(transport, transport.listen(listenerConfig));
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** An SMTP listener (port 25 or 587 in the RFCs, 1025 in the lab) delivering into {@code store}. */
    public static ListenerConfig listenerConfig(MailStore store, SmtpServerConfig config, InetSocketAddress address,
            SSLContext tls) {
        return listenerConfig(new StoreBackend(store, config.localDomains()), config, address, tls, false);
    }

    /** An LMTP listener (RFC 2033; 1024 in the lab) delivering into {@code store}. */
    public static ListenerConfig lmtpListenerConfig(MailStore store, SmtpServerConfig config, InetSocketAddress address,
            SSLContext tls) {
        return listenerConfig(new StoreBackend(store, config.localDomains()), config, address, tls, true);
    }

    /** A listener over any {@link SmtpBackend}, SMTP or LMTP. */
    public static ListenerConfig listenerConfig(SmtpBackend backend, SmtpServerConfig config, InetSocketAddress address,
            SSLContext tls, boolean lmtp) {
        var settings = config.session().withLmtp(lmtp).withTlsAvailable(tls != null);
        HandlerFactory handlers = connection -> new SmtpHandler(new SmtpSession(backend, settings,
                connection.remoteAddress().getAddress().getHostAddress(),
                Long.toString(SESSIONS.incrementAndGet(), 36),
                connection.isSecure()));
        ListenerConfig listener = ListenerConfig.of(lmtp ? "lmtp" : "smtp", address, handlers)
                .withLineEndsKept()
                .withMaxLineLength(config.maxLineLength())
                .withMaxLiteralSize(settings.maxMessageSize())
                .withIdleTimeout(config.idleTimeout())
                .withConnectionLimits(config.maxConnections(), config.maxConnectionsPerAddress(),
                        "421 4.7.0 too many connections, try again later");
        return tls == null ? listener : listener.withTls(tls);
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

    /** Stops gracefully: no new connections, sessions told 421 and closed; transactions in progress dropped. */
    @Override
    public void close() {
        transport.close();
    }
}
