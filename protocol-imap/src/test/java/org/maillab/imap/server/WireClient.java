package org.maillab.imap.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw loopback test client: writes text, reads CRLF lines with their literals inlined. */
final class WireClient implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

    Socket socket;
    InputStream in;
    OutputStream out;

    WireClient(Socket socket) throws IOException {
        attach(socket);
    }

    void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One response line; a literal it announces is read and appended (as text). */
    String readLine() throws IOException {
        String line = rawLine();
        Matcher m = LITERAL.matcher(line);
        if (m.find()) {
            byte[] lit = in.readNBytes(Integer.parseInt(m.group(1)));
            return line + new String(lit, StandardCharsets.UTF_8) + readLine();
        }
        return line;
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Sends a tagged command and reads up to its tagged response. */
    List<String> command(String tag, String command) throws IOException {
        send(tag + " " + command + "\r\n");
        return until(tag);
    }

    List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
