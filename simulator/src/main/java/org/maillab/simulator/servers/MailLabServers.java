package org.maillab.simulator.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.MailStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;
import org.maillab.simulator.servers.InProcessTarget.Launcher;
import org.maillab.simulator.servers.InProcessTarget.RunningServer;

/**
 * Starts MailLab's own servers for the in-process target, on 127.0.0.1 with a free port, over the
 * run's store.
 *
 * <p>The POP3 greeting carries an APOP timestamp (RFC 1939 §7) that {@link Pop3Server} by default builds
 * from the process id, a random salt and the clock, so its length varies from run to run; the simulator
 * promises identical byte counts for the same scenario and seed. So the timestamps here depend only on
 * the session's number ({@link Pop3ServerConfig#withApopTimestamps}); they are still unique per greeting.
 */
public final class MailLabServers {

    private MailLabServers() {
    }

    /** The launcher for MailLab's POP3 server. */
    public static Launcher pop3() {
        return MailLabServers::startPop3;
    }

    /** The launcher for MailLab's IMAP server. */
    public static Launcher imap() {
        return MailLabServers::startImap;
    }

    private static Optional<RunningServer> startPop3(MailStore store) throws IOException {
        AtomicLong sessions = new AtomicLong();
        String host = Pop3ServerConfig.defaults().hostname();
        Pop3ServerConfig config = Pop3ServerConfig.defaults()
                .withApopTimestamps(() -> "<" + sessions.incrementAndGet() + ".simulated@" + host + ">");
        Pop3Server server = Pop3Server.start(store, config, new InetSocketAddress("127.0.0.1", 0), null);
        return Optional.of(running(new ServerTarget.Endpoint("pop3", "127.0.0.1", server.port()), server::close));
    }

    private static Optional<RunningServer> startImap(MailStore store) throws IOException {
        ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        int port = server.port().orElseThrow();
        return Optional.of(running(new ServerTarget.Endpoint("imap", "127.0.0.1", port), server::close));
    }

    private static RunningServer running(ServerTarget.Endpoint endpoint, Runnable close) {
        return new RunningServer() {
            @Override
            public ServerTarget.Endpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
