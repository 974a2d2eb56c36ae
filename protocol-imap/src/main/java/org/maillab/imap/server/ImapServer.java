package org.maillab.imap.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.maillab.imap.session.StructureCache;
import org.maillab.mailstore.MailStore;
import org.maillab.transport.Listener;
import org.maillab.transport.ListenerConfig;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;
import org.maillab.transport.spool.SpoolDirectory;

/**
 * The IMAP server: listeners on the transport (plain with STARTTLS, and IMAPS), one session per
 * connection, one shared cache of parsed message structures.
 *
 * <pre>{@code
 * try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
 *     int port = server.port().orElseThrow();
 *     ...
 * }
 * }</pre>
 */
public final class ImapServer implements AutoCloseable {

    private final MailStore store;
    private final ImapServerConfig config;
    private final StructureCache structures = new StructureCache(1024);
    /** Where large literals are spooled; emptied and removed when the server stops. */
    private final SpoolDirectory spool = SpoolDirectory.create();
    /** Sessions that have ended and freed what they held (guarded by this): tests wait on it, never sleep. */
    private long endedSessions;
    private final TransportServer transport;
    private final boolean ownsTransport;
    private Listener plain;
    private Listener implicit;

    private ImapServer(MailStore store, ImapServerConfig config, TransportServer transport, boolean owns) {
        this.store = store;
        this.config = config;
        this.transport = transport;
        this.ownsTransport = owns;
    }

    /** Starts a transport of its own and listens. */
    public static ImapServer start(MailStore store, ImapServerConfig config) throws IOException {
        TransportServer transport = TransportServer.start(ServerConfig.defaults().withTranscript(config.transcript()));
        ImapServer server = new ImapServer(store, config, transport, true);
        server.listenOrClose();
        return server;
    }

    /** Listens on a transport shared with other protocols (POP3); closing this server leaves it running. */
    public static ImapServer start(MailStore store, ImapServerConfig config, TransportServer transport)
            throws IOException {
        ImapServer server = new ImapServer(store, config, transport, false);
        server.listenOrClose();
        return server;
    }

    /** Listens; a port that cannot be bound leaves nothing behind (the spool directory, an own transport). */
    private void listenOrClose() throws IOException {
        try {
            listen();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void listen() throws IOException {
        if (config.port() >= 0) {
            plain = transport.listen(listenerConfig("imap", config.port(), false));
        }
        if (config.imapsPort() >= 0) {
            if (config.tls() == null) {
                throw new IllegalArgumentException("IMAPS needs a TLS context");
            }
            implicit = transport.listen(listenerConfig("imaps", config.imapsPort(), true));
        }
    }

    private ListenerConfig listenerConfig(String name, int port, boolean implicitTls) {
        ListenerConfig lc = ListenerConfig.of(name, new InetSocketAddress(config.host(), port),
                c -> new ImapHandler(this))
                .withMaxLineLength(config.limits().maxLineLength())
                .withMaxLiteralSize(Math.max(config.limits().maxAppendSize(), config.limits().maxDiscard()))
                .withIdleTimeout(config.idleTimeout())
                .withConnectionLimits(100_000, 100_000, "* BYE [UNAVAILABLE] Too many connections");
        if (config.tls() != null) {
            lc = implicitTls ? lc.withImplicitTls(config.tls()) : lc.withTls(config.tls());
        }
        return lc;
    }

    /** The plain listener's port, once bound. */
    public Optional<Integer> port() {
        return Optional.ofNullable(plain).map(l -> l.localAddress().getPort());
    }

    /** The IMAPS listener's port, once bound. */
    public Optional<Integer> imapsPort() {
        return Optional.ofNullable(implicit).map(l -> l.localAddress().getPort());
    }

    MailStore store() {
        return store;
    }

    ImapServerConfig config() {
        return config;
    }

    StructureCache structures() {
        return structures;
    }

    /** The server's spool directory: empty whenever no command with a large literal is in progress. */
    SpoolDirectory spool() {
        return spool;
    }

    /** A session has ended and freed its spool files and mailbox. */
    synchronized void sessionEnded() {
        endedSessions++;
        notifyAll();
    }

    /** Waits until {@code count} sessions in all have ended; false if {@code timeout} passes first. */
    synchronized boolean awaitEndedSessions(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (endedSessions < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops the server (and its transport if it has its own), then deletes every spool file left. */
    @Override
    public void close() {
        try {
            if (ownsTransport) {
                transport.close();
            }
        } finally {
            spool.close();
        }
    }
}
