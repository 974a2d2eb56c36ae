package org.maillab.labkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A POP3 connection that shows the bytes as they are: lines without unstuffing, so that checks can
 * look at dot-stuffing and octet counts the way the wire carries them. Lines are read as ISO-8859-1
 * so every octet maps to one char and counts stay exact.
 */
final class PopWire implements Closeable {

    /** Longer than any sane POP3 line (RFC 2449 §4 allows 512 octets for a response). */
    private static final int MAX_LINE = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String greeting;

    private PopWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.greeting = line();
    }

    static PopWire connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new PopWire(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    String greeting() {
        return greeting;
    }

    /** Sends one command line and returns the status line of the reply. */
    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return line();
    }

    /** Reads the lines of a multi-line reply up to the terminating "." (not included), still stuffed. */
    List<String> multiline() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; !(line = line()).equals("."); ) {
            lines.add(line);
        }
        return lines;
    }

    /** Logs in with USER and PASS; returns the PASS reply's status line (or USER's if that failed). */
    String login(String user, String password) throws IOException {
        String reply = command("USER " + user);
        return ok(reply) ? command("PASS " + password) : reply;
    }

    static boolean ok(String status) {
        return status.startsWith("+OK");
    }

    /** Reads one CRLF-terminated line; a bare LF is accepted and the line returned without it. */
    String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server"
                        + (buffer.size() > 0 ? " in the middle of a line" : ""));
            }
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (buffer.size() >= MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " octets");
            }
            buffer.write(b);
        }
    }

    /** QUIT, then close: returns QUIT's status line. */
    String quit() throws IOException {
        try {
            return command("QUIT");
        } finally {
            socket.close();
        }
    }

    /** Drops the connection without QUIT: RFC 1939 §6 says no UPDATE state then. */
    void abort() throws IOException {
        socket.close();
    }

    /**
     * Ends the session with QUIT (so the server releases the maildrop before the next session logs in),
     * then closes. Checks leave nothing marked deleted, so this QUIT commits nothing of theirs.
     */
    @Override
    public void close() throws IOException {
        if (socket.isClosed()) {
            return;
        }
        try {
            command("QUIT");
        } catch (IOException e) {
            // the session may already be broken: closing is all that is left
        } finally {
            socket.close();
        }
    }
}
