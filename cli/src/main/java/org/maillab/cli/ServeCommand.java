package org.maillab.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;
import org.maillab.transport.Listener;
import org.maillab.transport.ListenerConfig;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;
import org.maillab.transport.tls.TlsContexts;
import org.maillab.transport.transcript.PrintStreamTranscript;

/**
 * {@code maillab serve}: MailLab's servers on localhost over a Maildir data directory, with demo
 * accounts on first start. POP3 contributes listeners in {@link #listeners}; IMAP runs as an
 * {@link ImapServer} on the same transport. Both serve one {@link MaildirStore}, so a message deleted
 * over one protocol is gone in the other.
 */
final class ServeCommand implements CliCommand {

    /** The demo accounts created on first start when no --user is given (documented in the README). */
    static final Map<String, String> DEMO_ACCOUNTS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    /** The command line, parsed. */
    record Options(Path data, String host, int pop3Port, int pop3sPort, int imapPort, int imapsPort,
            Map<String, String> users, boolean requireTls, boolean pop3Last, boolean trace, Set<String> admins,
            boolean inMemory) {

        /** On the Maildir in {@code data}. */
        Options(Path data, String host, int pop3Port, int pop3sPort, int imapPort, int imapsPort,
                Map<String, String> users, boolean requireTls, boolean pop3Last, boolean trace, Set<String> admins) {
            this(data, host, pop3Port, pop3sPort, imapPort, imapsPort, users, requireTls, pop3Last, trace, admins,
                    false);
        }

        /** Without administrator accounts. */
        Options(Path data, String host, int pop3Port, int pop3sPort, int imapPort, int imapsPort,
                Map<String, String> users, boolean requireTls, boolean pop3Last, boolean trace) {
            this(data, host, pop3Port, pop3sPort, imapPort, imapsPort, users, requireTls, pop3Last, trace, Set.of());
        }

        /** POP3 only (IMAP off): the shape callers used before IMAP joined. */
        Options(Path data, String host, int pop3Port, int pop3sPort, Map<String, String> users,
                boolean requireTls, boolean pop3Last, boolean trace) {
            this(data, host, pop3Port, pop3sPort, 0, 0, users, requireTls, pop3Last, trace);
        }
    }

    /** One listener to open: a label for the ready line, a port (0 = off) and how to configure it. */
    private record ListenerSpec(String label, int port, Function<InetSocketAddress, ListenerConfig> config) {
    }

    /** A running server: its listeners' addresses, and close() to stop it. */
    static final class Running implements AutoCloseable {
        private final TransportServer transport;
        private final ImapServer imap;
        private final MailStore store;
        final Map<String, InetSocketAddress> addresses;
        final Path keystore;

        Running(TransportServer transport, ImapServer imap, MailStore store, Map<String, InetSocketAddress> addresses,
                Path keystore) {
            this.transport = transport;
            this.imap = imap;
            this.store = store;
            this.addresses = addresses;
            this.keystore = keystore;
        }

        /** Stops every listener (IMAP's and POP3's share one transport), then closes the store. */
        @Override
        public void close() {
            try {
                if (imap != null) {
                    imap.close();
                }
                transport.close();
            } finally {
                store.close();
            }
        }
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve POP3 and IMAP on localhost over a Maildir";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: maillab serve [OPTIONS]",
                "",
                "Serves the mail in a Maildir data directory until Ctrl-C.",
                "",
                "  --data DIR            data directory (default ./maillab-data); plain Maildir, one directory per user",
                "  --host ADDRESS        address to listen on (default 127.0.0.1)",
                "  --pop3-port N         POP3 port, STLS offered (default 1110; 0 = off)",
                "  --pop3s-port N        POP3 over implicit TLS (default 1995; 0 = off)",
                "  --imap-port N         IMAP port, STARTTLS offered (default 1143; 0 = off)",
                "  --imaps-port N        IMAP over implicit TLS (default 1993; 0 = off)",
                "  --user NAME:PASSWORD  create the account or set its password (repeatable); without any,",
                "                        first start creates alice:alice-secret and bob:bob-secret with demo mail",
                "  --require-tls         POP3: refuse USER/PASS and AUTH PLAIN until STLS; IMAP: LOGINDISABLED,",
                "                        LOGIN/AUTHENTICATE refused until STARTTLS (POP3S and IMAPS are always encrypted)",
                "  --pop3-last           answer RFC 1225's LAST command (protocol history; off by default)",
                "  --trace               print every session's transcript (C:/S: lines, states, passwords masked)",
                "  --admin NAME          account NAME may set quotas over IMAP (SETQUOTA, RFC 9208; repeatable)",
                "  --store KIND          maildir (default) or memory: mail kept in memory only, gone at exit",
                "                        (DIR then holds only the TLS certificate); for tests and load runs",
                "",
                "Both protocols serve the same accounts and mailboxes: mail deleted over POP3 is gone in IMAP.",
                "A self-signed certificate for localhost is created in DIR/tls/ on first start.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(usage());
            return 0;
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("maillab serve: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        Running running;
        try {
            running = start(options, out);
        } catch (IOException e) {
            err.println("maillab serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("maillab serve: shutting down");
            running.close();
            stopped.countDown();
        }, "maillab-shutdown"));
        out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    static Options parse(List<String> args) {
        Path data = Path.of("maillab-data");
        String host = "127.0.0.1";
        int pop3 = 1110;
        int pop3s = 1995;
        int imap = 1143;
        int imaps = 1993;
        Map<String, String> users = new LinkedHashMap<>();
        boolean requireTls = false;
        boolean last = false;
        boolean trace = false;
        Set<String> admins = new LinkedHashSet<>();
        boolean inMemory = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--host" -> host = value(args, ++i, arg);
                case "--pop3-port" -> pop3 = port(value(args, ++i, arg), arg);
                case "--pop3s-port" -> pop3s = port(value(args, ++i, arg), arg);
                case "--imap-port" -> imap = port(value(args, ++i, arg), arg);
                case "--imaps-port" -> imaps = port(value(args, ++i, arg), arg);
                case "--user" -> {
                    String spec = value(args, ++i, arg);
                    int colon = spec.indexOf(':');
                    if (colon <= 0 || colon == spec.length() - 1) {
                        throw new IllegalArgumentException("--user wants NAME:PASSWORD, got '" + spec + "'");
                    }
                    users.put(spec.substring(0, colon), spec.substring(colon + 1));
                }
                case "--require-tls" -> requireTls = true;
                case "--pop3-last" -> last = true;
                case "--trace" -> trace = true;
                case "--admin" -> admins.add(value(args, ++i, arg));
                case "--store" -> {
                    String kind = value(args, ++i, arg);
                    if (!kind.equals("maildir") && !kind.equals("memory")) {
                        throw new IllegalArgumentException("--store wants maildir or memory, got '" + kind + "'");
                    }
                    inMemory = kind.equals("memory");
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new Options(data, host, pop3, pop3s, imap, imaps, users, requireTls, last, trace, admins, inMemory);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a port number 0-65535, got '" + text + "'");
        }
    }

    /** Opens the store, sets up accounts and TLS, opens the listeners and prints one line per listener. */
    static Running start(Options options, PrintStream out) throws IOException {
        MailStore store = options.inMemory() ? new InMemoryStore() : MaildirStore.open(options.data());
        TransportServer transport = null;
        ImapServer imap = null;
        try {
            prepareAccounts(store, options.users(), out);
            Path keystorePath = options.data().resolve("tls").resolve("keystore.p12");
            if (!java.nio.file.Files.exists(keystorePath)) {
                out.println("creating a self-signed certificate for localhost in " + keystorePath
                        + " (first start only; takes a few seconds)");
            }
            Path keystore = TlsContexts.ensureSelfSignedKeystore(keystorePath, TlsContexts.defaultPassword());
            SSLContext tls = TlsContexts.serverContext(keystore, TlsContexts.defaultPassword());
            transport = TransportServer.start(ServerConfig.defaults()
                    .withTranscript(options.trace() ? new PrintStreamTranscript(out) : null));
            Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
            for (ListenerSpec spec : listeners(options, store, tls)) {
                if (spec.port() == 0) {
                    continue;
                }
                Listener listener = transport.listen(spec.config().apply(new InetSocketAddress(options.host(), spec.port())));
                addresses.put(spec.label(), listener.localAddress());
                ready(out, spec.label(), listener.localAddress());
            }
            imap = startImap(options, store, tls, transport);
            if (imap != null) {
                imapReady(out, addresses, IMAP, options.host(), imap.port());
                imapReady(out, addresses, IMAPS, options.host(), imap.imapsPort());
            }
            return new Running(transport, imap, store, addresses, keystore);
        } catch (IOException | RuntimeException e) {
            closeQuietly(imap, transport, store);
            throw e;
        } catch (GeneralSecurityException e) {
            closeQuietly(imap, transport, store);
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The ready-line labels of the IMAP listeners (also the keys of {@link Running#addresses}). */
    static final String IMAP = "IMAP (STARTTLS)";
    static final String IMAPS = "IMAPS";

    private static void imapReady(PrintStream out, Map<String, InetSocketAddress> addresses, String label, String host,
            Optional<Integer> port) {
        if (port.isPresent()) {
            InetSocketAddress bound = new InetSocketAddress(host, port.get());
            addresses.put(label, bound);
            ready(out, label, bound);
        }
    }

    private static void ready(PrintStream out, String label, InetSocketAddress address) {
        out.println(label + " listening on " + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /**
     * IMAP on the same transport, store and certificate as POP3; null when both IMAP ports are off.
     * The IMAP server's own port convention is -1 = none, 0 = any free port; serve's 0 means off.
     */
    private static ImapServer startImap(Options options, MailStore store, SSLContext tls, TransportServer transport)
            throws IOException {
        if (options.imapPort() == 0 && options.imapsPort() == 0) {
            return null;
        }
        ImapServerConfig config = new ImapServerConfig(options.host(), off(options.imapPort()),
                off(options.imapsPort()), tls, options.requireTls(), FramerLimits.defaults(),
                ImapServerConfig.MIN_IDLE_TIMEOUT, null).withAdminAccounts(options.admins());
        return ImapServer.start(store, config, transport);
    }

    private static int off(int servePort) {
        return servePort == 0 ? -1 : servePort;
    }

    private static void closeQuietly(ImapServer imap, TransportServer transport, MailStore store) {
        try {
            if (imap != null) {
                imap.close();
            }
            if (transport != null) {
                transport.close();
            }
        } finally {
            store.close();
        }
    }

    /** Every POP3 listener `serve` can open (IMAP's come from {@link ImapServer} on the same transport). */
    private static List<ListenerSpec> listeners(Options options, MailStore store, SSLContext tls) {
        Pop3ServerConfig pop3 = Pop3ServerConfig.defaults()
                .withRequireTls(options.requireTls())
                .withLastCommand(options.pop3Last());
        List<ListenerSpec> specs = new ArrayList<>();
        specs.add(new ListenerSpec("POP3 (STLS)", options.pop3Port(),
                address -> Pop3Server.listenerConfig(store, pop3, address, tls)));
        specs.add(new ListenerSpec("POP3S", options.pop3sPort(),
                address -> Pop3Server.implicitTlsListenerConfig(store, pop3, address, tls)));
        return specs;
    }

    /** --user accounts are created or get their password; without any, demo accounts on first start. */
    static void prepareAccounts(MailStore store, Map<String, String> users, PrintStream out) {
        if (!users.isEmpty()) {
            for (Map.Entry<String, String> user : users.entrySet()) {
                if (store.account(user.getKey()).isPresent()) {
                    store.setPassword(user.getKey(), user.getValue());
                } else {
                    // APOP needs a secret the server can read (RFC 1939 §7): a lab server allows it.
                    store.createAccount(user.getKey(), user.getValue(), true);
                    out.println("created account " + user.getKey());
                }
            }
            return;
        }
        if (!store.accountNames().isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> demo : new java.util.TreeMap<>(DEMO_ACCOUNTS).entrySet()) {
            Account account = store.createAccount(demo.getKey(), demo.getValue(), true);
            for (String message : DemoMail.messagesFor(demo.getKey())) {
                account.append("INBOX", new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                        Flags.NONE, Instant.now());
            }
            out.println("created demo account " + demo.getKey() + " (password " + demo.getValue() + ")");
        }
    }
}
