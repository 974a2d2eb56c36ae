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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
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
 * accounts on first start. Each protocol contributes listeners in {@link #listeners}; adding one
 * (IMAP, IMAPS) is one entry there plus its port options.
 */
final class ServeCommand implements CliCommand {

    /** The demo accounts created on first start when no --user is given (documented in the README). */
    static final Map<String, String> DEMO_ACCOUNTS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    /** The command line, parsed. */
    record Options(Path data, String host, int pop3Port, int pop3sPort, Map<String, String> users,
            boolean requireTls, boolean pop3Last, boolean trace) {
    }

    /** One listener to open: a label for the ready line, a port (0 = off) and how to configure it. */
    private record ListenerSpec(String label, int port, Function<InetSocketAddress, ListenerConfig> config) {
    }

    /** A running server: its listeners' addresses, and close() to stop it. */
    static final class Running implements AutoCloseable {
        private final TransportServer transport;
        private final MailStore store;
        final Map<String, InetSocketAddress> addresses;
        final Path keystore;

        Running(TransportServer transport, MailStore store, Map<String, InetSocketAddress> addresses, Path keystore) {
            this.transport = transport;
            this.store = store;
            this.addresses = addresses;
            this.keystore = keystore;
        }

        @Override
        public void close() {
            try {
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
        return "serve POP3 (and later IMAP) on localhost over a Maildir";
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
                "  --user NAME:PASSWORD  create the account or set its password (repeatable); without any,",
                "                        first start creates alice:alice-secret and bob:bob-secret with demo mail",
                "  --require-tls         refuse USER/PASS and AUTH PLAIN until STLS (POP3S is always encrypted)",
                "  --pop3-last           answer RFC 1225's LAST command (protocol history; off by default)",
                "  --trace               print every session's transcript (C:/S: lines, states, passwords masked)",
                "",
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
        Map<String, String> users = new LinkedHashMap<>();
        boolean requireTls = false;
        boolean last = false;
        boolean trace = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--host" -> host = value(args, ++i, arg);
                case "--pop3-port" -> pop3 = port(value(args, ++i, arg), arg);
                case "--pop3s-port" -> pop3s = port(value(args, ++i, arg), arg);
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
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new Options(data, host, pop3, pop3s, users, requireTls, last, trace);
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
        MailStore store = MaildirStore.open(options.data());
        TransportServer transport = null;
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
                out.println(spec.label() + " listening on " + listener.localAddress().getAddress().getHostAddress()
                        + ":" + listener.port());
            }
            return new Running(transport, store, addresses, keystore);
        } catch (IOException | RuntimeException e) {
            if (transport != null) {
                transport.close();
            }
            store.close();
            throw e;
        } catch (GeneralSecurityException e) {
            if (transport != null) {
                transport.close();
            }
            store.close();
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Every listener `serve` can open. IMAP adds its entries here. */
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
