package org.maillab.imap.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.CommandFormatter;
import org.maillab.imap.codec.Encoded;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.imap.codec.ParsedResponse;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.ResponseParser;
import org.maillab.imap.codec.SearchKey;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.imap.codec.SortCriterion;
import org.maillab.imap.codec.ThreadAlgorithm;
import org.maillab.imap.codec.ThreadNode;
import org.maillab.transport.spool.SpoolDirectory;
import org.maillab.transport.wire.CredentialMask;

/**
 * A small blocking IMAP client over {@code java.net.Socket}: commands are {@link Command} values
 * (the codec's command builder), responses come back parsed, literals stream both ways (a sync
 * literal waits for the server's {@code +}; with LITERAL+ it does not). Used by the simulator, the tests
 * and the labs. One thread at a time.
 *
 * <p>Literals over 8 KiB in responses (a FETCHed message) are spooled to files in the client's own
 * {@link SpoolDirectory}; {@link #close()} deletes them, so read what a reply holds before closing.
 *
 * <pre>{@code
 * try (ImapClient c = ImapClient.connect("127.0.0.1", 1143)) {
 *     c.login("fred", "secret");
 *     c.select("INBOX");
 *     Reply r = c.execute(new Command.Fetch(false, SequenceSet.range(1, SequenceSet.STAR),
 *             List.of(new FetchAttribute.Simple(FetchAttribute.Item.ENVELOPE))));
 * }
 * }</pre>
 */
public final class ImapClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** A SORT, THREAD or SEARCH answer over a large mailbox is one long line (10 numbers a kilobyte). */
    private static final int MAX_RESPONSE_LINE = 16 * 1024 * 1024;

    /** Where large response literals are spooled; deleted with everything in it on {@link #close()}. */
    private final SpoolDirectory spool = SpoolDirectory.create();
    private final Framer framer = new Framer(Framer.Role.CLIENT, longLines(FramerLimits.defaults()),
            LiteralSpooler.inDirectory(spool));
    private final Deque<Response> buffered = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[64 * 1024];
    private List<String> capabilities = List.of();
    private int tagCounter;
    private Consumer<String> transcript = line -> { };
    private Compression compression;

    private ImapClient(Socket socket) throws IOException {
        attach(socket);
    }

    /** Connects and reads the greeting; no read timeout (an IMAP session may idle for long). */
    public static ImapClient connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 10_000);
        return over(s);
    }

    /**
     * Runs over a socket the caller connected and reads the greeting. The socket's settings are kept:
     * with a read timeout, a server that stops answering makes a command fail (an
     * {@link java.io.UncheckedIOException} around a {@link SocketTimeoutException}) instead of blocking
     * for ever. The client owns the socket from here: {@link #close()} closes it, and so does a failed
     * greeting.
     */
    public static ImapClient over(Socket socket) throws IOException {
        ImapClient c = null;
        try {
            c = new ImapClient(socket);
            c.readGreeting();
            return c;
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                c.close(); // the socket and the spool directory
            } else {
                socket.close();
            }
            throw e;
        }
    }

    /** Connects with implicit TLS (IMAPS) and reads the greeting. */
    public static ImapClient connectTls(String host, int port, SSLContext tls) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
        s.startHandshake();
        return over(s);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Records the wire: {@code C: } and {@code S: } lines, LOGIN passwords masked. */
    public void setTranscript(Consumer<String> sink) {
        this.transcript = sink;
    }

    /** The capabilities the server announced last (greeting, CAPABILITY, or a login's OK). */
    public List<String> capabilities() {
        return capabilities;
    }

    public boolean hasCapability(String name) {
        return capabilities.stream().anyMatch(c -> c.equalsIgnoreCase(name));
    }

    private void readGreeting() throws IOException {
        Response greeting = next();
        if (greeting instanceof Response.Condition c && c.status() == Response.Status.BYE) {
            throw new ImapException("server refused: " + c.text(), null);
        }
        if (!(greeting instanceof Response.Condition)) {
            throw new ImapException("no greeting: " + greeting, null);
        }
        learn(greeting);
        if (capabilities.isEmpty()) {
            capabilities = execute(new Command.Capability()).all(Response.Capability.class).stream()
                    .findFirst().map(Response.Capability::capabilities).orElse(List.of());
        }
    }

    // ---------------------------------------------------------------- commands

    /** Sends a command and reads everything up to its completion. */
    public Reply execute(Command command) {
        String tag = "C" + (++tagCounter);
        boolean literalPlus = hasCapability("LITERAL+");
        boolean utf8 = hasCapability("IMAP4rev2");
        Encoded encoded = CommandFormatter.format(tag, command, literalPlus, utf8);
        try {
            List<Response> untagged = new ArrayList<>();
            StringBuilder shown = new StringBuilder();
            for (Encoded.Chunk chunk : encoded.chunks()) {
                if (chunk instanceof Encoded.Chunk.Octets o) {
                    out.write(o.bytes());
                    shown.append(new String(o.bytes(), StandardCharsets.UTF_8));
                } else if (chunk instanceof Encoded.Chunk.LiteralOctets l) {
                    out.flush();
                    if (l.sync()) {
                        // RFC 9051 §7.5: wait for "+" before sending the literal's octets
                        while (true) {
                            Response r = next();
                            if (r instanceof Response.Continuation) {
                                break;
                            }
                            if (r instanceof Response.Tagged t && t.tag().equals(tag)) {
                                log("C: ", mask(shown.toString()));
                                return new Reply(untagged, t);
                            }
                            untagged.add(r);
                        }
                    }
                    try (InputStream lit = l.literal().open()) {
                        lit.transferTo(out);
                    }
                    shown.append("<").append(l.literal().size()).append(" octets>");
                }
            }
            out.flush();
            log("C: ", mask(shown.toString()));
            return readUntil(tag, untagged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply capability() {
        return execute(new Command.Capability()).orThrow();
    }

    public Reply noop() {
        return execute(new Command.Noop()).orThrow();
    }

    public Reply login(String user, String password) {
        return execute(new Command.Login(user, password)).orThrow();
    }

    /** AUTHENTICATE PLAIN with the initial response (SASL-IR, RFC 4959). */
    public Reply authenticatePlain(String user, String password) {
        String response = java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        return execute(new Command.Authenticate("PLAIN", Optional.of(response))).orThrow();
    }

    /** STARTTLS, then the TLS handshake on the same socket (RFC 9051 §6.2.1). */
    public void startTls(SSLContext tls) throws IOException {
        execute(new Command.StartTls()).orThrow();
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, socket.getInetAddress()
                .getHostName(), socket.getPort(), true);
        s.startHandshake();
        attach(s);
        capabilities = capability().all(Response.Capability.class).stream().findFirst()
                .map(Response.Capability::capabilities).orElse(List.of());
    }

    /**
     * COMPRESS DEFLATE (RFC 4978 §3): after the server's OK both directions are raw DEFLATE (RFC 1951);
     * every command is flushed (SYNC_FLUSH) when it is complete, so the server never waits for it. On a
     * TLS connection the compression runs inside TLS, as §3 requires. Throws {@link ImapException} on NO
     * (e.g. {@code [COMPRESSIONACTIVE]}) or BAD, and then nothing changes.
     */
    public Reply compress() {
        Reply reply = execute(new Command.Compress("DEFLATE")).orThrow();
        compression = new Compression(in, out);
        in = compression.input();
        out = compression.output();
        return reply;
    }

    /**
     * LOGIN and COMPRESS DEFLATE sent together, so compression costs no round trip of its own: RFC 4978 §3
     * forbids commands after COMPRESS until its result, not COMPRESS before LOGIN's (RFC 9051 §5.5
     * pipelining). If LOGIN fails, COMPRESS is refused too (not authenticated) and this throws. Returns
     * COMPRESS's reply; LOGIN's capabilities are learnt as with {@link #login}.
     */
    public Reply loginAndCompress(String user, String password) {
        String loginTag = "C" + (++tagCounter);
        String compressTag = "C" + (++tagCounter);
        Encoded loginCommand = CommandFormatter.format(loginTag, new Command.Login(user, password));
        if (loginCommand.chunks().size() != 1 || !(loginCommand.chunks().get(0) instanceof Encoded.Chunk.Octets)) {
            login(user, password); // a name or password that needs a literal: no pipelining
            return compress();
        }
        byte[] login = ((Encoded.Chunk.Octets) loginCommand.chunks().get(0)).bytes();
        byte[] compress = CommandFormatter.format(compressTag, new Command.Compress("DEFLATE")).text()
                .getBytes(StandardCharsets.US_ASCII);
        Reply compressReply;
        try {
            out.write(login);
            out.write(compress);
            out.flush();
            log("C: ", mask(new String(login, StandardCharsets.UTF_8)));
            log("C: ", new String(compress, StandardCharsets.US_ASCII));
            Reply loginReply = readUntil(loginTag, new ArrayList<>());
            compressReply = readUntil(compressTag, new ArrayList<>());
            loginReply.orThrow();
            compressReply.orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        compression = new Compression(in, out);
        in = compression.input();
        out = compression.output();
        return compressReply;
    }

    /** Reads responses into {@code untagged} until the one tagged {@code tag}. */
    private Reply readUntil(String tag, List<Response> untagged) throws IOException {
        while (true) {
            Response r = next();
            if (r instanceof Response.Tagged t && t.tag().equals(tag)) {
                learn(t);
                return new Reply(untagged, t);
            }
            learn(r);
            untagged.add(r);
        }
    }

    /** Octets before and after compression since {@link #compress()}, or empty if it was not used. */
    public Optional<Compression.Counts> compressionCounts() {
        return Optional.ofNullable(compression).map(Compression::counts);
    }

    public Reply select(String mailbox) {
        return execute(new Command.Select(mailbox)).orThrow();
    }

    /** SELECT with {@code (CONDSTORE)} (RFC 7162 §3.1.8): the reply carries HIGHESTMODSEQ. */
    public Selected selectCondstore(String mailbox) {
        return Selected.of(execute(new Command.Select(mailbox, true)).orThrow());
    }

    /**
     * SELECT with the QRESYNC parameter (RFC 7162 §3.2.5): after {@code ENABLE QRESYNC}, the reply
     * reports what vanished and what changed since {@code modSeq}, if {@code uidValidity} still holds.
     */
    public Selected selectQresync(String mailbox, long uidValidity, long modSeq, Optional<SequenceSet> knownUids) {
        return Selected.of(execute(new Command.Select(mailbox, false, Optional.of(
                new Command.Qresync(uidValidity, modSeq, knownUids, Optional.empty(), Optional.empty())))).orThrow());
    }

    /** ENABLE (RFC 5161): the extensions the server did enable. */
    public List<String> enable(String... extensions) {
        List<String> enabled = new ArrayList<>();
        for (Response.Enabled e : execute(new Command.Enable(List.of(extensions))).orThrow().all(Response.Enabled.class)) {
            enabled.addAll(e.capabilities());
        }
        return enabled;
    }

    public Reply examine(String mailbox) {
        return execute(new Command.Examine(mailbox)).orThrow();
    }

    public Reply logout() {
        return execute(new Command.Logout());
    }

    /** APPEND; the message is streamed, never copied here. Returns the new UID if the server says (UIDPLUS). */
    public Optional<Long> append(String mailbox, List<String> flags, Literal message) {
        Reply r = execute(new Command.Append(mailbox, flags, Optional.empty(), message, false)).orThrow();
        if (r.done().code().orElse(null) instanceof ResponseCode.AppendUid a
                && a.uids() instanceof SequenceSet.Ranges ranges) {
            return Optional.of(ranges.ranges().get(0).first());
        }
        return Optional.empty();
    }

    public Reply fetch(boolean uid, SequenceSet set, List<FetchAttribute> items) {
        return execute(new Command.Fetch(uid, set, items)).orThrow();
    }

    /** FETCH or UID FETCH with {@code (CHANGEDSINCE modSeq)} (RFC 7162 §3.1.4): only messages changed since. */
    public Reply fetchChangedSince(boolean uid, SequenceSet set, List<FetchAttribute> items, long modSeq) {
        return execute(new Command.Fetch(uid, set, items, java.util.OptionalLong.of(modSeq))).orThrow();
    }

    /** SEARCH or UID SEARCH; the numbers from SEARCH or ESEARCH ALL. */
    public List<Long> search(boolean uid, SearchKey... keys) {
        Reply r = execute(new Command.Search(uid, Optional.empty(), Optional.empty(), List.of(keys))).orThrow();
        List<Long> out = new ArrayList<>();
        for (Response.Search s : r.all(Response.Search.class)) {
            out.addAll(s.numbers());
        }
        for (Response.ESearch e : r.all(Response.ESearch.class)) {
            e.all().ifPresent(set -> out.addAll(((SequenceSet.Ranges) set).resolve(Long.MAX_VALUE - 1)));
        }
        return out;
    }

    // ---------------------------------------------------------------- ACL (RFC 4314)

    /** SETACL: {@code rights} as RFC 4314 §3.1 has it: letters, or {@code +}/{@code -} then letters. */
    public Reply setAcl(String mailbox, String identifier, String rights) {
        return execute(new Command.SetAcl(mailbox, identifier, rights)).orThrow();
    }

    /** DELETEACL (RFC 4314 §3.2). */
    public Reply deleteAcl(String mailbox, String identifier) {
        return execute(new Command.DeleteAcl(mailbox, identifier)).orThrow();
    }

    /** GETACL (RFC 4314 §3.3): identifier to rights letters, in the server's order. */
    public java.util.Map<String, String> getAcl(String mailbox) {
        java.util.Map<String, String> acl = new java.util.LinkedHashMap<>();
        for (Response.Acl a : execute(new Command.GetAcl(mailbox)).orThrow().all(Response.Acl.class)) {
            a.entries().forEach(e -> acl.put(e.identifier(), e.rights()));
        }
        return acl;
    }

    /** LISTRIGHTS (RFC 4314 §3.4): the server's LISTRIGHTS response. */
    public Response.ListRights listRights(String mailbox, String identifier) {
        return execute(new Command.ListRights(mailbox, identifier)).orThrow().all(Response.ListRights.class)
                .stream().findFirst().orElseThrow(() -> new ImapException("no LISTRIGHTS response", null));
    }

    /** MYRIGHTS (RFC 4314 §3.5): the rights letters the logged-in user has. */
    public String myRights(String mailbox) {
        return execute(new Command.MyRights(mailbox)).orThrow().all(Response.MyRights.class).stream()
                .findFirst().map(Response.MyRights::rights)
                .orElseThrow(() -> new ImapException("no MYRIGHTS response", null));
    }

    // ---------------------------------------------------------------- QUOTA (RFC 9208)

    /** GETQUOTA (RFC 9208 §4.1.1): the root's usage and limits; {@link ImapException} on NO or BAD. */
    public Response.QuotaData getQuota(String root) {
        List<Response.QuotaData> quotas = execute(new Command.GetQuota(root)).orThrow().all(Response.QuotaData.class);
        return quotas.stream().filter(q -> q.root().equals(root)).findFirst()
                .orElseThrow(() -> new ImapException("no QUOTA response for root \"" + root + "\"", null));
    }

    /** GETQUOTAROOT (RFC 9208 §4.1.2): the mailbox's quota roots and each root's QUOTA. */
    public QuotaRoots getQuotaRoot(String mailbox) {
        Reply r = execute(new Command.GetQuotaRoot(mailbox)).orThrow();
        List<String> roots = new ArrayList<>();
        r.all(Response.QuotaRootData.class).forEach(q -> roots.addAll(q.roots()));
        return new QuotaRoots(roots, r.all(Response.QuotaData.class));
    }

    /**
     * SETQUOTA (RFC 9208 §4.1.3): replaces all limits of the root with these (an empty list removes them);
     * the QUOTA the server reported afterwards, if it did.
     */
    public Optional<Response.QuotaData> setQuota(String root, List<Command.QuotaLimit> limits) {
        return execute(new Command.SetQuota(root, limits)).orThrow().all(Response.QuotaData.class).stream()
                .filter(q -> q.root().equals(root)).findFirst();
    }

    /**
     * SORT or UID SORT (RFC 5256 §3): the matching messages' numbers in the order of the criteria.
     *
     * @param charset of the strings in the search keys; the server must know UTF-8 and US-ASCII
     */
    public List<Long> sort(boolean uid, List<SortCriterion> criteria, String charset,
            SearchKey... keys) {
        Reply r = execute(new Command.Sort(uid, criteria, charset, List.of(keys))).orThrow();
        List<Long> out = new ArrayList<>();
        r.all(Response.Sort.class).forEach(s -> out.addAll(s.numbers()));
        return out;
    }

    /** THREAD or UID THREAD (RFC 5256 §3): the matching messages as threads, in the server's order. */
    public List<ThreadNode> thread(boolean uid, ThreadAlgorithm algorithm,
            String charset, SearchKey... keys) {
        Reply r = execute(new Command.Thread(uid, algorithm, charset, List.of(keys))).orThrow();
        List<ThreadNode> out = new ArrayList<>();
        r.all(Response.Thread.class).forEach(t -> out.addAll(t.threads()));
        return out;
    }

    private static FramerLimits longLines(FramerLimits l) {
        return new FramerLimits(MAX_RESPONSE_LINE, l.maxLiteralSize(), l.maxAppendSize(), l.inMemoryThreshold(),
                l.literalMinus(), l.maxDiscard(), l.maxLiterals());
    }

    // ---------------------------------------------------------------- IDLE

    /** Starts IDLE (RFC 2177); read pushed responses from the returned handle, then {@link Idle#done()}. */
    public Idle idle() {
        String tag = "C" + (++tagCounter);
        try {
            out.write((tag + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            log("C: ", tag + " IDLE");
            List<Response> early = new ArrayList<>();
            while (true) {
                Response r = next();
                if (r instanceof Response.Continuation) {
                    return new Idle(tag, early);
                }
                if (r instanceof Response.Tagged t && t.tag().equals(tag)) {
                    throw new ImapException("IDLE refused: " + t.text(), t);
                }
                early.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IDLE in progress. */
    public final class Idle {
        private final String tag;
        private final Deque<Response> early;

        private Idle(String tag, List<Response> early) {
            this.tag = tag;
            this.early = new ArrayDeque<>(early);
        }

        /** The next pushed response, waiting at most {@code timeout}; empty if none came. */
        public Optional<Response> next(Duration timeout) throws IOException {
            if (!early.isEmpty()) {
                return Optional.of(early.poll());
            }
            int previous = socket.getSoTimeout();
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            try {
                return Optional.of(ImapClient.this.next());
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } finally {
                socket.setSoTimeout(previous);
            }
        }

        /** Ends IDLE; returns what arrived before the completion. */
        public Reply done() throws IOException {
            out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            log("C: ", "DONE");
            List<Response> untagged = new ArrayList<>(early);
            while (true) {
                Response r = ImapClient.this.next();
                if (r instanceof Response.Tagged t && t.tag().equals(tag)) {
                    return new Reply(untagged, t);
                }
                untagged.add(r);
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** The next response from the server, blocking. */
    private Response next() throws IOException {
        while (buffered.isEmpty()) {
            int n = in.read(readBuffer);
            if (n < 0) {
                throw new IOException("server closed the connection");
            }
            for (FramerEvent e : framer.feed(ByteBuffer.wrap(readBuffer, 0, n))) {
                if (e instanceof FramerEvent.Complete c) {
                    log("S: ", c.frame().describe());
                    ParsedResponse p = ResponseParser.parse(c.frame());
                    if (p instanceof ParsedResponse.Ok ok) {
                        buffered.add(ok.response());
                    } else {
                        throw new ImapException("unparsable response: " + p, null);
                    }
                } else if (e instanceof FramerEvent.Rejected) {
                    throw new ImapException("response exceeds the client's limits", null);
                }
            }
        }
        return buffered.poll();
    }

    private void learn(Response r) {
        if (r instanceof Response.Capability c) {
            capabilities = c.capabilities();
        } else if (r instanceof Response.Condition c && c.code().orElse(null) instanceof ResponseCode.Capability k) {
            capabilities = k.capabilities();
        } else if (r instanceof Response.Tagged t && t.code().orElse(null) instanceof ResponseCode.Capability k) {
            capabilities = k.capabilities();
        }
    }

    /** The command as the transcript shows it: the rule the server's transcript uses, line by line. */
    private static String mask(String text) {
        CredentialMask mask = CredentialMask.imap();
        StringBuilder shown = new StringBuilder();
        for (String line : text.split("\r\n", -1)) {
            if (shown.length() > 0) {
                shown.append("\r\n");
            }
            shown.append(mask.line(line));
        }
        return shown.toString();
    }

    private void log(String prefix, String text) {
        for (String line : text.split("\r\n")) {
            if (!line.isEmpty()) {
                transcript.accept(prefix + line);
            }
        }
    }

    /** The client's spool directory (for tests: empty again once the client is closed). */
    SpoolDirectory spool() {
        return spool;
    }

    @Override
    public void close() throws IOException {
        framer.close();
        try {
            socket.close();
        } finally {
            if (compression != null) {
                compression.end();
            }
            spool.close();
        }
    }
}
