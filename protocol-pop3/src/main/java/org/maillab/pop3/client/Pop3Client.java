package org.maillab.pop3.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.maillab.pop3.codec.Command;
import org.maillab.pop3.codec.DotUnstuffingInputStream;
import org.maillab.pop3.codec.StatusLine;
import org.maillab.transport.wire.CredentialMask;
import org.maillab.transport.wire.WireNumber;

/**
 * A small blocking POP3 client over {@link Socket}: every command of RFC 1939, CAPA (RFC 2449), STLS
 * (RFC 2595), AUTH PLAIN (RFC 5034, RFC 4616), APOP, LAST (RFC 1225) and pipelining. The simulator,
 * the tests and the labs use it.
 *
 * <p>Methods that need {@code +OK} throw {@link Pop3Exception} on {@code -ERR};
 * {@link #execute(Command)} returns whatever the server said. Every exchange is recorded in a
 * transcript ({@code C:}/{@code S:} lines, passwords masked).
 *
 * <pre>{@code
 * try (Pop3Client pop = Pop3Client.connect("127.0.0.1", 1110)) {
 *     pop.login("alice", "alice-password");
 *     for (Pop3Client.Listing m : pop.list()) {
 *         byte[] message = pop.retr(m.number());
 *     }
 *     pop.quit();
 * }
 * }</pre>
 *
 * Not thread-safe: one thread uses a client at a time.
 */
public final class Pop3Client implements Closeable {

    /** A line of a LIST reply: message number and size in octets. */
    public record Listing(int number, long octets) {
    }

    /** A line of a UIDL reply: message number and unique-id. */
    public record UniqueId(int number, String uid) {
    }

    /** The STAT reply: messages and octets not marked deleted. */
    public record Stat(int messages, long octets) {
    }

    private static final Pattern TIMESTAMP = Pattern.compile("<[^<>]*@[^<>]*>");
    private static final int MAX_STATUS_LINE = 64 * 1024;
    // RFC 2449 §6.6: a pipelining client must not overrun the transport's window; send at most this
    // many command bytes before reading their replies.
    private static final int PIPELINE_WINDOW_BYTES = 4096;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String host;
    private final int port;
    private final String greeting;
    private final List<String> transcript = new ArrayList<>();
    private Consumer<String> transcriptListener = line -> { };
    private int transcriptLimit = -1; // -1: keep every line
    private byte[] copyBuffer; // reused by every streamed RETR: one message after the other makes no garbage

    private Pop3Client(Socket socket, String host, int port) throws IOException {
        this.socket = socket;
        this.host = host;
        this.port = port;
        bindStreams();
        StatusLine status = readStatus();
        if (!status.ok()) {
            socket.close();
            throw new Pop3Exception("greeting", status);
        }
        this.greeting = status.text();
    }

    /** Connects over plain TCP and reads the greeting; 30 s read timeout. */
    public static Pop3Client connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 30_000);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            return new Pop3Client(socket, host, port);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Runs over a socket the caller connected (and configured: read timeout, proxies, a counting
     * wrapper...) and reads the greeting. The client owns the socket from here: {@link #close()}
     * closes it, and so does a failed greeting.
     */
    public static Pop3Client over(Socket socket) throws IOException {
        Objects.requireNonNull(socket, "socket");
        try {
            String host = socket.getInetAddress() == null ? "" : socket.getInetAddress().getHostAddress();
            return new Pop3Client(socket, host, socket.getPort());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects with implicit TLS (POP3S, RFC 8314) and reads the greeting. */
    public static Pop3Client connectTls(String host, int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress(host, port), 30_000);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            return new Pop3Client(socket, host, port);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void bindStreams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    }

    /** The greeting's text after {@code +OK}. */
    public String greeting() {
        return greeting;
    }

    /** The APOP timestamp of the greeting, {@code <...>} included, if the server sent one (RFC 1939 §7). */
    public Optional<String> apopTimestamp() {
        Matcher m = TIMESTAMP.matcher(greeting);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /**
     * The transcript so far: {@code C:} and {@code S:} lines, passwords masked. Without a limit a live
     * view; with {@link #limitTranscript(int)} a copy of the last lines kept.
     */
    public List<String> transcript() {
        if (transcriptLimit < 0) {
            return Collections.unmodifiableList(transcript);
        }
        int size = transcript.size();
        return List.copyOf(transcript.subList(Math.max(0, size - transcriptLimit), size));
    }

    /**
     * Keeps only the last {@code maxLines} transcript lines (0: none), so a long-running client (a
     * simulator's, a benchmark's) does not grow without bound. The listener of {@link #onTranscript}
     * still sees every line.
     */
    public void limitTranscript(int maxLines) {
        if (maxLines < 0) {
            throw new IllegalArgumentException("maxLines must not be negative");
        }
        transcriptLimit = maxLines;
        trimTranscript();
    }

    private void trimTranscript() {
        int excess = transcript.size() - transcriptLimit;
        if (transcriptLimit >= 0 && excess > 0) {
            transcript.subList(0, excess).clear();
        }
    }

    /** Also sends every transcript line to {@code listener} as it happens (e.g. to print it). */
    public void onTranscript(Consumer<String> listener) {
        this.transcriptListener = listener;
    }

    /** Whether the connection is encrypted. */
    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** Sets the read timeout in milliseconds (0 waits forever). */
    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    // ------------------------------------------------------------------ generic

    /**
     * Sends one command and reads its reply, multi-line body included (held in memory; for large
     * messages use {@link #retr(int, OutputStream)}). Never throws on {@code -ERR}.
     */
    public Pop3Reply execute(Command command) throws IOException {
        send(command);
        out.flush();
        return readReply(command);
    }

    /**
     * Pipelining (RFC 2449 §6.6): sends the commands without waiting and reads the replies in order.
     * Commands go out in windows of a few kilobytes so neither side can block the other.
     */
    public List<Pop3Reply> pipeline(List<? extends Command> commands) throws IOException {
        List<Pop3Reply> replies = new ArrayList<>(commands.size());
        int start = 0;
        while (start < commands.size()) {
            int end = start;
            int bytes = 0;
            while (end < commands.size() && (end == start || bytes + commands.get(end).toWire().length
                    <= PIPELINE_WINDOW_BYTES)) {
                bytes += commands.get(end).toWire().length;
                send(commands.get(end));
                end++;
            }
            out.flush();
            for (int i = start; i < end; i++) {
                replies.add(readReply(commands.get(i)));
            }
            start = end;
        }
        return replies;
    }

    // ------------------------------------------------------------------ AUTHORIZATION

    /** USER then PASS (RFC 1939 §7). */
    public void login(String user, String password) throws IOException {
        user(user);
        pass(password);
    }

    /** USER name. */
    public void user(String name) throws IOException {
        require(execute(new Command.User(name)), "USER");
    }

    /** PASS password (masked in the transcript). */
    public void pass(String password) throws IOException {
        require(execute(new Command.Pass(password)), "PASS");
    }

    /** APOP with MD5(timestamp + secret) (RFC 1939 §7); the greeting must carry a timestamp. */
    public void apop(String name, String secret) throws IOException {
        String timestamp = apopTimestamp().orElseThrow(() -> new IOException("the greeting has no APOP timestamp"));
        require(execute(new Command.Apop(name, md5Hex(timestamp + secret))), "APOP");
    }

    /**
     * AUTH PLAIN (RFC 5034, RFC 4616). With {@code initialResponse} the credentials go on the AUTH line;
     * without, the client waits for the server's empty challenge first.
     */
    public void authPlain(String user, String password, boolean initialResponse) throws IOException {
        String response = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        if (initialResponse) {
            require(execute(new Command.Auth(Optional.of("PLAIN"), Optional.of(response))), "AUTH PLAIN");
            return;
        }
        send(new Command.Auth(Optional.of("PLAIN"), Optional.empty()));
        out.flush();
        StatusLine challenge = readStatus();
        if (challenge.kind() != StatusLine.Kind.CONTINUATION) {
            throw new Pop3Exception("AUTH PLAIN", challenge);
        }
        record("C: " + CredentialMask.MASK); // the SASL response carries the password
        out.write((response + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StatusLine status = readStatus();
        if (!status.ok()) {
            throw new Pop3Exception("AUTH PLAIN", status);
        }
    }

    /** CAPA (RFC 2449 §5): the capability lines. */
    public List<String> capa() throws IOException {
        return require(execute(new Command.Capa()), "CAPA").lines();
    }

    /**
     * STLS (RFC 2595 §4): asks the server to start TLS and does the handshake. The caller's
     * {@code context} decides which certificates to trust. Capabilities learned before must be asked
     * for again.
     */
    public void stls(SSLContext context) throws IOException {
        require(execute(new Command.Stls()), "STLS");
        if (in.available() > 0) {
            throw new IOException("the server sent data after +OK to STLS; refusing to start TLS");
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        socket = ssl;
        bindStreams();
        record("-- TLS started (" + ssl.getSession().getProtocol() + ")");
    }

    // ------------------------------------------------------------------ TRANSACTION

    /** STAT (RFC 1939 §5). */
    public Stat stat() throws IOException {
        String[] words = require(execute(new Command.Stat()), "STAT").status().text().split(" ");
        return new Stat(count(words, 0), size(words, 1));
    }

    /** LIST (RFC 1939 §5): every message not marked deleted. */
    public List<Listing> list() throws IOException {
        List<Listing> listings = new ArrayList<>();
        for (String line : require(execute(new Command.List(OptionalInt.empty())), "LIST").lines()) {
            String[] words = line.split(" ");
            listings.add(new Listing(count(words, 0), size(words, 1)));
        }
        return listings;
    }

    /** LIST n. */
    public Listing list(int message) throws IOException {
        String[] words = require(execute(new Command.List(OptionalInt.of(message))), "LIST").status().text().split(" ");
        return new Listing(count(words, 0), size(words, 1));
    }

    /** UIDL (RFC 1939 §7). */
    public List<UniqueId> uidl() throws IOException {
        List<UniqueId> ids = new ArrayList<>();
        for (String line : require(execute(new Command.Uidl(OptionalInt.empty())), "UIDL").lines()) {
            String[] words = line.split(" ");
            ids.add(new UniqueId(count(words, 0), word(words, 1)));
        }
        return ids;
    }

    /** UIDL n. */
    public UniqueId uidl(int message) throws IOException {
        String[] words = require(execute(new Command.Uidl(OptionalInt.of(message))), "UIDL").status().text().split(" ");
        return new UniqueId(count(words, 0), word(words, 1));
    }

    /** RETR n, the message in memory (un-stuffed). For large messages prefer {@link #retr(int, OutputStream)}. */
    public byte[] retr(int message) throws IOException {
        return require(execute(new Command.Retr(message)), "RETR").body().orElseThrow();
    }

    /** RETR n, streamed into {@code sink}; returns the octets written. */
    public long retr(int message, OutputStream sink) throws IOException {
        Command command = new Command.Retr(message);
        send(command);
        out.flush();
        StatusLine status = readStatus();
        if (!status.ok()) {
            throw new Pop3Exception("RETR", status);
        }
        if (copyBuffer == null) {
            copyBuffer = new byte[16 * 1024];
        }
        DotUnstuffingInputStream body = new DotUnstuffingInputStream(in);
        long octets = 0;
        int n;
        while ((n = body.read(copyBuffer, 0, copyBuffer.length)) >= 0) {
            sink.write(copyBuffer, 0, n);
            octets += n;
        }
        record("S: (" + octets + " octets of message)");
        record("S: .");
        return octets;
    }

    /** TOP n lines (RFC 1939 §7). */
    public byte[] top(int message, int lines) throws IOException {
        return require(execute(new Command.Top(message, lines)), "TOP").body().orElseThrow();
    }

    /** DELE n. */
    public void dele(int message) throws IOException {
        require(execute(new Command.Dele(message)), "DELE");
    }

    /** NOOP. */
    public void noop() throws IOException {
        require(execute(new Command.Noop()), "NOOP");
    }

    /** RSET. */
    public void rset() throws IOException {
        require(execute(new Command.Rset()), "RSET");
    }

    /** LAST (RFC 1225; only servers with the compatibility option answer it). */
    public int last() throws IOException {
        return count(require(execute(new Command.Last()), "LAST").status().text().split(" "), 0);
    }

    /** QUIT: in TRANSACTION the server enters UPDATE and removes the marked messages. Closes the socket. */
    public void quit() throws IOException {
        try {
            require(execute(new Command.Quit()), "QUIT");
        } finally {
            socket.close();
        }
    }

    /** Closes the connection without QUIT: the server deletes nothing (RFC 1939 §6). */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ------------------------------------------------------------------ wire

    private void send(Command command) throws IOException {
        record("C: " + command.toMaskedLine());
        out.write(command.toWire());
    }

    private Pop3Reply readReply(Command command) throws IOException {
        StatusLine status = readStatus();
        if (!(status.ok() && command.expectsMultiLine())) {
            return new Pop3Reply(status, Optional.empty());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        new DotUnstuffingInputStream(in).transferTo(body);
        byte[] bytes = body.toByteArray();
        if (command instanceof Command.Retr || command instanceof Command.Top) {
            record("S: (" + bytes.length + " octets of message)");
        } else {
            for (String line : new Pop3Reply(status, Optional.of(bytes)).lines()) {
                record("S: " + (line.startsWith(".") ? "." + line : line));
            }
        }
        record("S: .");
        return new Pop3Reply(status, Optional.of(bytes));
    }

    private StatusLine readStatus() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (line.size() >= MAX_STATUS_LINE) {
                throw new IOException("the server's status line is longer than " + MAX_STATUS_LINE + " octets");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        record("S: " + text);
        return StatusLine.parse(text);
    }

    private static Pop3Reply require(Pop3Reply reply, String what) throws Pop3Exception {
        if (!reply.ok()) {
            throw new Pop3Exception(what, reply.status());
        }
        return reply;
    }

    private void record(String line) {
        transcript.add(line);
        if (transcriptLimit >= 0 && transcript.size() >= 2 * transcriptLimit + 64) {
            trimTranscript(); // in batches: amortized constant time per line
        }
        transcriptListener.accept(line);
    }

    static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** A message number or count from the server, checked like every number from the wire. */
    private static int count(String[] words, int index) throws IOException {
        return (int) number(words, index, Integer.MAX_VALUE);
    }

    /** An octet count from the server. */
    private static long size(String[] words, int index) throws IOException {
        return number(words, index, Long.MAX_VALUE);
    }

    private static long number(String[] words, int index, long max) throws IOException {
        long n = WireNumber.parse(word(words, index), max);
        if (n == WireNumber.INVALID) {
            throw new java.net.ProtocolException("the server sent " + String.join(" ", words)
                    + ": expected a number at word " + (index + 1));
        }
        return n;
    }

    private static String word(String[] words, int index) throws IOException {
        if (index >= words.length) {
            throw new java.net.ProtocolException("the server sent " + String.join(" ", words)
                    + ": expected " + (index + 1) + " words");
        }
        return words[index];
    }
}
