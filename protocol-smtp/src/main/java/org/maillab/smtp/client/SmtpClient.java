package org.maillab.smtp.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.maillab.smtp.codec.SmtpReply;

/**
 * A small blocking SMTP and LMTP client (RFC 5321, RFC 2033) over {@link Socket}: EHLO/LHLO, STARTTLS,
 * AUTH PLAIN and LOGIN, MAIL/RCPT/DATA with dot-stuffing, BDAT, and a transcript ({@code C:}/{@code S:}
 * lines, AUTH secrets masked). Used by the tests, the simulator and the benchmarks.
 *
 * <pre>{@code
 * try (SmtpClient smtp = SmtpClient.connect("127.0.0.1", 1025)) {
 *     smtp.ehlo("client.example");
 *     smtp.mail("bob@example.org");
 *     smtp.rcpt("alice@localhost");
 *     smtp.data("Subject: hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII));
 *     smtp.quit();
 * }
 * }</pre>
 */
public final class SmtpClient implements Closeable {

    private static final Pattern ENHANCED = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3} .*");

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final boolean lmtp;
    private final SmtpReply greeting;
    private final List<String> transcript = new ArrayList<>();
    private Consumer<String> transcriptListener = line -> { };
    private List<String> extensions = List.of();
    private int acceptedRecipients;

    private SmtpClient(Socket socket, boolean lmtp) throws IOException {
        this.lmtp = lmtp;
        attach(socket);
        this.greeting = read();
    }

    /** Connects to an SMTP server and reads its greeting. */
    public static SmtpClient connect(String host, int port) throws IOException {
        return open(host, port, false);
    }

    /** Connects to an LMTP server (RFC 2033): {@link #ehlo} then sends LHLO, {@link #data} returns a reply per recipient. */
    public static SmtpClient connectLmtp(String host, int port) throws IOException {
        return open(host, port, true);
    }

    private static SmtpClient open(String host, int port, boolean lmtp) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            return new SmtpClient(socket, lmtp);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream());
    }

    /** The server's 220 greeting. */
    public SmtpReply greeting() {
        return greeting;
    }

    /** Whether this client speaks LMTP. */
    public boolean isLmtp() {
        return lmtp;
    }

    /** Whether the connection is encrypted (after {@link #startTls}). */
    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** The transcript so far: {@code C:} and {@code S:} lines; AUTH responses show as {@code ***}. */
    public List<String> transcript() {
        return Collections.unmodifiableList(transcript);
    }

    /** Also sends every transcript line to {@code listener} as it happens. */
    public void onTranscript(Consumer<String> listener) {
        this.transcriptListener = listener;
    }

    /** The extension lines of the last EHLO/LHLO reply ({@code "SIZE 67108864"}, {@code "STARTTLS"}, ...). */
    public List<String> extensions() {
        return extensions;
    }

    /** Whether the last EHLO/LHLO reply named {@code keyword} (case-insensitive). */
    public boolean supports(String keyword) {
        String k = keyword.toUpperCase(Locale.ROOT);
        return extensions.stream().anyMatch(e -> e.toUpperCase(Locale.ROOT).equals(k)
                || e.toUpperCase(Locale.ROOT).startsWith(k + " "));
    }

    /** EHLO (or LHLO for LMTP); returns the extension lines. */
    public List<String> ehlo(String domain) throws IOException {
        SmtpReply reply = expect((lmtp ? "LHLO " : "EHLO ") + domain, 250);
        extensions = List.copyOf(reply.lines().subList(1, reply.lines().size()));
        return extensions;
    }

    /** HELO (no extensions; SMTP only). */
    public void helo(String domain) throws IOException {
        expect("HELO " + domain, 250);
        extensions = List.of();
    }

    /** STARTTLS (RFC 3207), the handshake, and EHLO again (§4.2: the client forgets what it learnt). */
    public void startTls(SSLContext context, String ehloDomain) throws IOException {
        expect("STARTTLS", 220);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        attach(tls);
        note("* TLS " + tls.getSession().getProtocol());
        ehlo(ehloDomain);
    }

    /** AUTH PLAIN with an initial response (RFC 4954 §4, RFC 4616). */
    public void authPlain(String user, String password) throws IOException {
        String response = b64("\u0000" + user + "\u0000" + password);
        SmtpReply reply = sendMasked("AUTH PLAIN " + response, "AUTH PLAIN ***");
        require("AUTH", reply, 235);
    }

    /** AUTH LOGIN: the user name and password after their 334 prompts. */
    public void authLogin(String user, String password) throws IOException {
        require("AUTH", send("AUTH LOGIN"), 334);
        require("AUTH", sendMasked(b64(user), "***"), 334);
        require("AUTH", sendMasked(b64(password), "***"), 235);
    }

    /** MAIL FROM:&lt;sender&gt; with optional parameters ({@code "SIZE=1000"}, {@code "SMTPUTF8"}); {@code ""} is {@code <>}. */
    public void mail(String sender, String... parameters) throws IOException {
        StringBuilder line = new StringBuilder("MAIL FROM:<").append(sender).append('>');
        for (String p : parameters) {
            line.append(' ').append(p);
        }
        expect(line.toString(), 250);
        acceptedRecipients = 0;
    }

    /** RCPT TO:&lt;recipient&gt;; throws on refusal. */
    public void rcpt(String recipient) throws IOException {
        require("RCPT", rcptReply(recipient), 250);
    }

    /** RCPT TO:&lt;recipient&gt;, returning the reply (a refusal is a normal answer here). */
    public SmtpReply rcptReply(String recipient) throws IOException {
        SmtpReply reply = send("RCPT TO:<" + recipient + ">");
        if (reply.positive()) {
            acceptedRecipients++;
        }
        return reply;
    }

    /**
     * DATA, the message (dot-stuffed, CRLF line ends kept as given) and the end marker. Returns the replies:
     * one for SMTP, one per accepted recipient for LMTP (RFC 2033 §4.2). Throws if DATA itself is refused.
     */
    public List<SmtpReply> data(byte[] message) throws IOException {
        expect("DATA", 354);
        byte[] stuffed = dotStuff(message);
        out.write(stuffed);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        note("C: <" + message.length + " octets of data, dot-stuffed to " + stuffed.length + ">");
        note("C: .");
        return finalReplies();
    }

    /** BDAT with one chunk (RFC 3030); the replies as for {@link #data}, the chunk's 250 for a non-LAST chunk. */
    public List<SmtpReply> bdat(byte[] chunk, boolean last) throws IOException {
        String command = "BDAT " + chunk.length + (last ? " LAST" : "");
        writeLine(command);
        out.write(chunk);
        out.flush();
        note("C: <" + chunk.length + " octets>");
        return last ? finalReplies() : List.of(read());
    }

    private List<SmtpReply> finalReplies() throws IOException {
        int n = lmtp ? Math.max(1, acceptedRecipients) : 1;
        List<SmtpReply> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(read());
        }
        acceptedRecipients = 0;
        return replies;
    }

    /** RSET. */
    public void rset() throws IOException {
        expect("RSET", 250);
        acceptedRecipients = 0;
    }

    /** NOOP. */
    public void noop() throws IOException {
        expect("NOOP", 250);
    }

    /** QUIT and close. */
    public void quit() throws IOException {
        try {
            send("QUIT");
        } finally {
            close();
        }
    }

    /** Sends any command line and returns the reply, whatever it is. */
    public SmtpReply send(String line) throws IOException {
        writeLine(line);
        return read();
    }

    /** Sends raw bytes as they are (for tests of hostile input), and notes their size in the transcript. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        note("C: <" + bytes.length + " raw octets>");
    }

    /** Reads one reply (for use after {@link #sendRaw}). */
    public SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code;
        while (true) {
            String line = readLine();
            note("S: " + line);
            if (line.length() < 3) {
                throw new IOException("malformed reply line: " + line);
            }
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("malformed reply line: " + line);
            }
            if (code < 200 || code > 599) {
                throw new IOException("reply code out of range: " + line);
            }
            String text = line.length() > 4 ? line.substring(4) : "";
            lines.add(text);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                break;
            }
        }
        String enhanced = null;
        if (ENHANCED.matcher(lines.get(0)).matches()) {
            enhanced = lines.get(0).substring(0, lines.get(0).indexOf(' '));
            List<String> stripped = new ArrayList<>();
            for (String l : lines) {
                stripped.add(l.startsWith(enhanced + " ") ? l.substring(enhanced.length() + 1) : l);
            }
            lines = stripped;
        }
        return new SmtpReply(code, enhanced, lines);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private SmtpReply expect(String line, int code) throws IOException {
        SmtpReply reply = send(line);
        require(line.split(" ", 2)[0], reply, code);
        return reply;
    }

    private static void require(String command, SmtpReply reply, int code) throws SmtpException {
        if (reply.code() != code) {
            throw new SmtpException(command, reply);
        }
    }

    private SmtpReply sendMasked(String line, String shown) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        note("C: " + shown);
        return read();
    }

    private void writeLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        note("C: " + line);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("reply line too long");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private void note(String line) {
        transcript.add(line);
        transcriptListener.accept(line);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5321 §4.5.2: a line starting with "." gets another; the message is made to end in CRLF. */
    static byte[] dotStuff(byte[] message) {
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        if (message.length > 0 && !lineStart) {
            stuffed.write('\r');
            stuffed.write('\n');
        }
        return stuffed.toByteArray();
    }
}
