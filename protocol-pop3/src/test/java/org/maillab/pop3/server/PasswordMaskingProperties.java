package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.transcript.MemoryTranscript;

/**
 * Issue 11: whatever form a POP3 login takes (PASS with spaces, tabs or leading blanks, APOP, AUTH PLAIN
 * with an initial response or after the challenge, AUTH LOGIN's initial response), the server's
 * transcript never shows the password, its base64 forms or the APOP digest. Each try logs in a fresh
 * account over a real socket.
 */
class PasswordMaskingProperties {

    static InMemoryStore store;
    static MemoryTranscript transcript;
    static Pop3Server server;
    static final AtomicInteger users = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        store = new InMemoryStore();
        transcript = new MemoryTranscript();
        server = Pop3Server.start(store, Pop3ServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), null,
                ServerConfig.defaults().withTranscript(transcript));
    }

    @AfterContainer
    static void stop() {
        server.close();
        store.close();
    }

    enum Form { PASS, PASS_TAB, PASS_LEADING_SPACE, APOP, AUTH_PLAIN_IR, AUTH_PLAIN_CONTINUATION, AUTH_LOGIN_IR }

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withChars("abcXYZ0189!#$%&'*+-/=?^_`|~.,;:@ \"\\(){}[]").ofMinLength(6)
                .ofMaxLength(30).filter(p -> p.strip().equals(p) && p.chars().filter(ch -> ch != ' ').count() >= 4);
    }

    @Property(tries = 100, seed = "1106")
    void thePasswordNeverAppearsInTheTranscript(@ForAll Form form, @ForAll("passwords") String password)
            throws Exception {
        String user = "user" + users.incrementAndGet();
        store.createAccount(user, password, true);
        String digest = "";
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String greeting = readLine(in);
            String timestamp = greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
            digest = md5(timestamp + password);
            String plain = base64("\0" + user + "\0" + password);
            switch (form) {
                case PASS -> send(out, in, "USER " + user, "PASS " + password);
                case PASS_TAB -> send(out, in, "USER " + user, "PASS\t" + password);
                case PASS_LEADING_SPACE -> send(out, in, "USER " + user, " PASS " + password);
                case APOP -> send(out, in, "APOP " + user + " " + digest);
                case AUTH_PLAIN_IR -> send(out, in, "AUTH PLAIN " + plain);
                case AUTH_PLAIN_CONTINUATION -> send(out, in, "AUTH PLAIN", plain);
                case AUTH_LOGIN_IR -> send(out, in, "AUTH LOGIN " + base64(password));
            }
            send(out, in, "QUIT");
        }
        List<String> secrets = List.of(password, digest, base64("\0" + user + "\0" + password), base64(password));
        for (String line : transcript.lines()) {
            for (String secret : secrets) {
                assertTrue(!line.contains(secret), form + " showed " + secret + " in: " + line);
            }
        }
    }

    /** Sends each line and reads its one-line answer (no command here has a multi-line one). */
    private static void send(OutputStream out, InputStream in, String... lines) throws Exception {
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().strip();
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
