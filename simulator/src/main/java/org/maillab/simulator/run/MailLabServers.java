package org.maillab.simulator.run;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.maillab.mailstore.MailStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;
import org.maillab.pop3.session.Pop3Session;
import org.maillab.pop3.session.SessionSettings;
import org.maillab.simulator.run.InProcessTarget.Launcher;
import org.maillab.simulator.run.InProcessTarget.RunningServer;
import org.maillab.transport.ListenerConfig;
import org.maillab.transport.ProtocolHandler;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;

/**
 * Starts MailLab's own servers for the in-process target, on 127.0.0.1 with a free port.
 *
 * <p>The POP3 greeting carries an APOP timestamp (RFC 1939 §7) that {@link Pop3Server} builds from the
 * process id, a random salt and the clock, so its length varies from run to run; the simulator promises
 * identical byte counts for the same scenario and seed. So the POP3 listener here is the same
 * {@link Pop3Session} on the same transport, but with timestamps that depend only on the session's
 * number. Pop3Server offers no hook for that yet (requested from the pop3 module); until it does, the
 * package-private handler is reached reflectively, and if that ever fails the stock server is used.
 */
public final class MailLabServers {

    private MailLabServers() {
    }

    /** The launcher for MailLab's POP3 server. */
    public static Launcher pop3() {
        return MailLabServers::startPop3;
    }

    /** IMAP: not in this build yet. */
    public static Launcher imap() {
        return InProcessTarget.none();
    }

    private static Optional<RunningServer> startPop3(MailStore store) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        Optional<Constructor<?>> handler = pop3HandlerConstructor();
        if (handler.isEmpty()) {
            Pop3Server server = Pop3Server.start(store, Pop3ServerConfig.defaults(), loopback, null);
            return Optional.of(running(new ServerTarget.Endpoint("pop3", "127.0.0.1", server.port()), server::close));
        }
        Pop3ServerConfig config = Pop3ServerConfig.defaults();
        AtomicLong sessions = new AtomicLong();
        TransportServer transport = TransportServer.start(ServerConfig.defaults());
        try {
            ListenerConfig listener = ListenerConfig.of("pop3", loopback, connection -> {
                String timestamp = "<" + sessions.incrementAndGet() + ".simulated@" + config.hostname() + ">";
                Pop3Session session = new Pop3Session(store, SessionSettings.DEFAULTS, timestamp, false);
                try {
                    return (ProtocolHandler) handler.get().newInstance(session);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create the POP3 handler", e);
                }
            }).withMaxLineLength(config.maxLineLength()).withIdleTimeout(Duration.ofMinutes(10));
            int port = transport.listen(listener).port();
            return Optional.of(running(new ServerTarget.Endpoint("pop3", "127.0.0.1", port), transport::close));
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    private static Optional<Constructor<?>> pop3HandlerConstructor() {
        try {
            Constructor<?> c = Class.forName("org.maillab.pop3.server.Pop3Handler").getDeclaredConstructor(Pop3Session.class);
            c.setAccessible(true);
            return Optional.of(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
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
