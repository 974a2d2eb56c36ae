package org.maillab.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;
import org.maillab.smtp.server.SmtpServer;
import org.maillab.smtp.server.SmtpServerConfig;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;

/**
 * MailLab running inside a test: SMTP, POP3 and IMAP on free ports of 127.0.0.1, over one store (in
 * memory, or a Maildir), with accounts. One call starts it, {@link #close()} stops it:
 *
 * <pre>{@code
 * try (MailLab lab = MailLab.start("alice", "bob")) {
 *     app.sendWelcome("127.0.0.1", lab.smtpPort(), lab.address("alice"));      // alice@localhost
 *     ReceivedMessage m = lab.awaitMessages("alice", 1).get(0);
 *     app.checkMail("127.0.0.1", lab.imapPort(), "alice", lab.password("alice"));
 *     lab.assertFlags("alice", m.uid(), SystemFlag.SEEN);
 * }
 * }</pre>
 *
 * <p>Everything a client does goes through the real servers and the real store, so what a test sees is
 * what a deployed MailLab would do; every line on the wire is kept ({@link #transcript()}) and
 * {@link MailLabExtension} prints it when a test fails. Thread-safe.
 */
public final class MailLab implements AutoCloseable {

    /** The lab's only address: tests never listen anywhere but loopback. */
    public static final String HOST = "127.0.0.1";

    /** How long {@link #awaitMessages(String, int)} waits unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The protocols a lab can serve. */
    public enum Protocol { SMTP, POP3, IMAP }

    private final MailStore store;
    private final Path temporaryMaildir;
    private final Path maildir;
    private final List<String> localDomains;
    private final Map<String, String> passwords;
    private final TranscriptRecorder transcript = new TranscriptRecorder();
    private final TransportServer transport;
    private final Map<Protocol, Integer> ports = new LinkedHashMap<>();

    private MailLab(Builder builder) throws IOException {
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(builder.accounts));
        this.localDomains = builder.localDomains;
        this.temporaryMaildir = builder.temporaryMaildir ? Files.createTempDirectory("maillab-testkit-") : null;
        this.maildir = temporaryMaildir != null ? temporaryMaildir : builder.maildir;
        TransportServer started = null;
        MailStore opened = null;
        try {
            opened = maildir == null ? new InMemoryStore() : MaildirStore.open(maildir);
            for (Map.Entry<String, String> account : passwords.entrySet()) {
                if (opened.account(account.getKey()).isPresent()) {
                    opened.setPassword(account.getKey(), account.getValue());
                } else {
                    opened.createAccount(account.getKey(), account.getValue(), true); // APOP too
                }
            }
            started = TransportServer.start(ServerConfig.defaults().withWorkerThreads(4)
                    .withShutdownGrace(Duration.ofSeconds(1)).withTranscript(transcript));
            InetSocketAddress anyPort = new InetSocketAddress(HOST, 0);
            if (builder.protocols.contains(Protocol.SMTP)) {
                SmtpServerConfig smtp = SmtpServerConfig.defaults().withLocalDomains(Set.copyOf(localDomains));
                ports.put(Protocol.SMTP, started.listen(SmtpServer.listenerConfig(opened, smtp, anyPort, null)).port());
            }
            if (builder.protocols.contains(Protocol.POP3)) {
                ports.put(Protocol.POP3, started.listen(Pop3Server.listenerConfig(opened, Pop3ServerConfig.defaults(),
                        anyPort, null)).port());
            }
            if (builder.protocols.contains(Protocol.IMAP)) {
                // on the shared transport: closing the transport closes it
                ImapServer imap = ImapServer.start(opened, ImapServerConfig.defaults().withPorts(0, -1), started);
                ports.put(Protocol.IMAP, imap.port().orElseThrow());
            }
        } catch (IOException | RuntimeException e) {
            close(started, opened, temporaryMaildir);
            throw e;
        }
        this.store = opened;
        this.transport = started;
    }

    /** Starts SMTP, POP3 and IMAP over an in-memory store with these accounts, each with a generated password. */
    public static MailLab start(String... accounts) throws IOException {
        Builder builder = builder();
        for (String account : accounts) {
            builder.account(account);
        }
        return builder.start();
    }

    /** A lab to configure: accounts, store, protocols. */
    public static Builder builder() {
        return new Builder();
    }

    /** How to start a {@link MailLab}. */
    public static final class Builder {

        private static final SecureRandom RANDOM = new SecureRandom();

        private final Map<String, String> accounts = new LinkedHashMap<>();
        private final Set<Protocol> protocols = EnumSet.allOf(Protocol.class);
        private List<String> localDomains = List.of("localhost");
        private Path maildir;
        private boolean temporaryMaildir;

        private Builder() {
        }

        /** An account with a generated password ({@link MailLab#password} tells it). */
        public Builder account(String name) {
            byte[] secret = new byte[12];
            RANDOM.nextBytes(secret);
            return account(name, name + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }

        /** An account with this password. */
        public Builder account(String name, String password) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            if (accounts.putIfAbsent(name, password) != null) {
                throw new IllegalArgumentException("account " + name + " given twice");
            }
            return this;
        }

        /** Keeps mail in a Maildir here instead of in memory (left in place on close; accounts kept). */
        public Builder maildir(Path directory) {
            this.maildir = Objects.requireNonNull(directory, "directory");
            this.temporaryMaildir = false;
            return this;
        }

        /** Keeps mail in a Maildir in a new temporary directory, removed on close. */
        public Builder temporaryMaildir() {
            this.maildir = null;
            this.temporaryMaildir = true;
            return this;
        }

        /**
         * The domains whose mail SMTP delivers into the lab's accounts ({@code localhost} by default); mail
         * to any other domain is refused as relaying ({@code 550 5.7.1}). {@link MailLab#address} uses the
         * first.
         */
        public Builder localDomains(String first, String... more) {
            List<String> domains = new ArrayList<>();
            domains.add(Objects.requireNonNull(first, "first"));
            domains.addAll(List.of(more));
            this.localDomains = List.copyOf(domains);
            return this;
        }

        /** Serves only these protocols (all of them by default). */
        public Builder protocols(Protocol first, Protocol... more) {
            protocols.clear();
            protocols.addAll(EnumSet.of(first, more));
            return this;
        }

        /** Starts the lab: binds free ports on 127.0.0.1 and creates the accounts. */
        public MailLab start() throws IOException {
            return new MailLab(this);
        }
    }

    // ---- where it is ----

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** Whether the lab serves the protocol. */
    public boolean serves(Protocol protocol) {
        return ports.containsKey(protocol);
    }

    /** The port a protocol listens on; {@code IllegalStateException} if the lab does not serve it. */
    public int port(Protocol protocol) {
        Integer port = ports.get(protocol);
        if (port == null) {
            throw new IllegalStateException("this lab serves " + ports.keySet() + ", not " + protocol);
        }
        return port;
    }

    /** The SMTP port (plaintext; AUTH PLAIN and LOGIN allowed, and not needed for mail to local accounts). */
    public int smtpPort() {
        return port(Protocol.SMTP);
    }

    /** The POP3 port (plaintext; USER/PASS, APOP and AUTH PLAIN allowed). */
    public int pop3Port() {
        return port(Protocol.POP3);
    }

    /** The IMAP port (plaintext; LOGIN and AUTHENTICATE PLAIN allowed). */
    public int imapPort() {
        return port(Protocol.IMAP);
    }

    /** The accounts the lab was started with, in the order given. */
    public List<String> accounts() {
        return List.copyOf(passwords.keySet());
    }

    /** The account's mail address at the first local domain, e.g. {@code alice@localhost}. */
    public String address(String account) {
        password(account); // the same refusal for an account the lab does not have
        return account + "@" + localDomains.get(0);
    }

    /** An account's password, as given or generated. */
    public String password(String account) {
        String password = passwords.get(account);
        if (password == null) {
            throw new IllegalArgumentException("no account " + account + " in this lab; it has " + accounts());
        }
        return password;
    }

    /** The Maildir the lab keeps its mail in; empty for the in-memory store. */
    public Optional<Path> maildir() {
        return Optional.ofNullable(maildir);
    }

    /** The store the servers use: for what the helpers here do not offer. */
    public MailStore store() {
        return store;
    }

    // ---- mail in ----

    /** Delivers a message into the account's INBOX, as a local delivery agent would; its UID. */
    public long deliver(String account, byte[] message) {
        return deliver(account, "INBOX", message, Flags.NONE);
    }

    /** Delivers a message given as text (UTF-8; bare LF line ends become CRLF); its UID. */
    public long deliver(String account, String message) {
        return deliver(account, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers a message into any mailbox of the account, with flags; its UID. */
    public long deliver(String account, String mailbox, byte[] message, Flags flags) {
        try (InputStream in = new ByteArrayInputStream(message)) {
            return account(account).append(mailbox, in, flags, Instant.now()).uid();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    // ---- mail out ----

    /** The messages in the account's INBOX now, in UID order. */
    public List<ReceivedMessage> messages(String account) {
        return messages(account, "INBOX");
    }

    /** The messages in one mailbox of the account now, in UID order. */
    public List<ReceivedMessage> messages(String account, String mailbox) {
        try (Mailbox view = account(account).open(mailbox, true)) {
            return read(account, view);
        }
    }

    /**
     * Waits until the account's INBOX holds at least {@code count} messages, at most
     * {@link #DEFAULT_TIMEOUT}; the messages then.
     *
     * @throws AssertionError naming what did arrive, if they do not
     */
    public List<ReceivedMessage> awaitMessages(String account, int count) {
        return awaitMessages(account, "INBOX", count, DEFAULT_TIMEOUT);
    }

    /** As {@link #awaitMessages(String, int)}, with a timeout. */
    public List<ReceivedMessage> awaitMessages(String account, int count, Duration timeout) {
        return awaitMessages(account, "INBOX", count, timeout);
    }

    /**
     * Waits until a mailbox of the account holds at least {@code count} messages. The wait is woken by
     * the store's change events (the same ones IMAP IDLE pushes), never by polling.
     *
     * @throws AssertionError naming what did arrive there and elsewhere, if they do not in time
     */
    public List<ReceivedMessage> awaitMessages(String account, String mailbox, int count, Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        try (Mailbox view = account(account).open(mailbox, true)) { // read-only: takes no \Recent
            if (new ArrivalWait(view).until(count, timeout)) {
                return read(account, view);
            }
            List<ReceivedMessage> arrived = read(account, view);
            throw new AssertionError(notArrived(account, mailbox, count, timeout, arrived));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for mail to " + account, e);
        }
    }

    private String notArrived(String account, String mailbox, int count, Duration timeout,
            List<ReceivedMessage> arrived) {
        StringBuilder text = new StringBuilder()
                .append("expected ").append(count).append(count == 1 ? " message" : " messages")
                .append(" in ").append(account).append("'s ").append(mailbox).append(" within ")
                .append(timeout.toMillis()).append(" ms, but ").append(arrived.size())
                .append(" arrived").append(arrived.isEmpty() ? "" : ":");
        arrived.forEach(m -> text.append("\n  ").append(m.summary()));
        List<String> elsewhere = new ArrayList<>();
        for (String name : store.accountNames()) {
            Account other = store.account(name).orElseThrow();
            other.list("*").stream()
                    .filter(info -> info.selectable() && !(name.equals(account) && info.name().equals(mailbox)))
                    .forEach(info -> {
                        long messages = other.status(info.name()).messages();
                        if (messages > 0) {
                            elsewhere.add(name + " " + info.name() + ": " + messages);
                        }
                    });
        }
        text.append(elsewhere.isEmpty() ? "\nno other mailbox of the lab holds mail"
                : "\nmail elsewhere in the lab: " + String.join(", ", elsewhere));
        return text.toString();
    }

    /** Asserts the system flags a message in the account's INBOX has now, exactly. */
    public void assertFlags(String account, long uid, SystemFlag... expected) {
        assertFlags(account, "INBOX", uid, Flags.of(expected));
    }

    /** Asserts a message's flags now, exactly: system flags and keywords. */
    public void assertFlags(String account, String mailbox, long uid, Flags expected) {
        try (Mailbox view = account(account).open(mailbox, true)) {
            MessageInfo info = view.message(uid).orElseThrow(() -> new AssertionError(
                    "no message with UID " + uid + " in " + account + "'s " + mailbox + "; UIDs there: "
                            + view.messages().stream().map(MessageInfo::uid).toList()));
            if (!info.flags().equals(expected)) {
                throw new AssertionError("flags of UID " + uid + " in " + account + "'s " + mailbox
                        + ": expected " + describe(expected) + " but was " + describe(info.flags()));
            }
        }
    }

    /** Flags as IMAP writes them: {@code (\Seen \Flagged $Label1)}. */
    static String describe(Flags flags) {
        List<String> names = new ArrayList<>();
        for (SystemFlag flag : flags.system()) {
            String name = flag.name();
            names.add("\\" + name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
        }
        names.addAll(flags.keywords());
        return "(" + String.join(" ", names) + ")";
    }

    // ---- between tests ----

    /** Everything the servers saw since the start or the last {@link #reset()}, one block per connection. */
    public String transcript() {
        return transcript.format();
    }

    /**
     * Back to the state just after start: every account empty (INBOX only, no subscriptions, no
     * quota), the lab's accounts with their passwords, the transcript cleared. Accounts a test created
     * are emptied too (a store cannot remove accounts). UIDs go on counting, as they must (RFC 9051
     * §2.3.1.1: a UID is never reused within a UIDVALIDITY).
     */
    public void reset() {
        MailReset.empty(store);
        passwords.forEach(store::setPassword);
        transcript.clear();
    }

    /** Stops the servers (connections still open are told and closed), then the store; removes a temporary Maildir. */
    @Override
    public void close() {
        close(transport, store, temporaryMaildir);
    }

    private static void close(TransportServer transport, MailStore store, Path temporaryMaildir) {
        try {
            if (transport != null) {
                transport.close();
            }
        } finally {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                if (temporaryMaildir != null) {
                    TemporaryDirectory.delete(temporaryMaildir);
                }
            }
        }
    }

    private Account account(String name) {
        return store.account(name).orElseThrow(() -> new IllegalArgumentException(
                "no account " + name + " in this lab; it has " + store.accountNames()));
    }

    private static List<ReceivedMessage> read(String account, Mailbox view) {
        List<ReceivedMessage> messages = new ArrayList<>();
        for (MessageInfo info : view.messages()) {
            Optional<byte[]> content = readContent(view, info);
            content.ifPresent(bytes -> messages.add(new ReceivedMessage(account, view.name(), info.uid(),
                    info.flags(), info.internalDate(), bytes)));
        }
        return messages;
    }

    /** The message's bytes; empty if another session expunged it since the listing. */
    private static Optional<byte[]> readContent(Mailbox view, MessageInfo info) {
        try (InputStream in = view.content(info.uid()).open(0, info.size())) {
            return Optional.of(in.readAllBytes());
        } catch (MailStoreException e) {
            if (e.reason() == MailStoreException.Reason.NONEXISTENT) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
