package org.maillab.mailstore.maildir;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough IMAP to talk to Dovecot in a test: send a command, read untagged responses (with their
 * literals) until the tagged one. Loopback only.
 */
final class RawImap implements AutoCloseable {

    /** One response: its text with each literal replaced by {@code {n}}, and the literals' bytes. */
    record Response(String text, List<byte[]> literals) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    RawImap(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        readResponse(); // greeting
    }

    /** Sends a command; returns the untagged responses, the tagged one last. Fails unless it is OK. */
    List<Response> ok(String command) throws IOException {
        List<Response> responses = command(command, null);
        String last = responses.get(responses.size() - 1).text();
        if (!last.contains(" OK")) {
            throw new IOException("IMAP said: " + last);
        }
        return responses;
    }

    /** APPEND with a synchronizing literal: waits for the continuation before sending the message. */
    List<Response> append(String mailbox, String flags, byte[] message) throws IOException {
        return command("APPEND " + mailbox + " (" + flags + ") {" + message.length + "}", message);
    }

    private List<Response> command(String command, byte[] literal) throws IOException {
        String t = "t" + (++tag);
        write((t + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        List<Response> responses = new ArrayList<>();
        while (true) {
            Response r = readResponse();
            if (r.text().startsWith("+") && literal != null) {
                write(literal);
                write("\r\n".getBytes(StandardCharsets.US_ASCII));
                literal = null;
                continue;
            }
            responses.add(r);
            if (r.text().startsWith(t + " ")) {
                if (!r.text().startsWith(t + " OK")) {
                    throw new IOException("IMAP said: " + r.text());
                }
                return responses;
            }
        }
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private Response readResponse() throws IOException {
        StringBuilder text = new StringBuilder();
        List<byte[]> literals = new ArrayList<>();
        while (true) {
            String line = readLine();
            text.append(line);
            int open = line.lastIndexOf('{');
            if (line.endsWith("}") && open >= 0) {
                int n = Integer.parseInt(line.substring(open + 1, line.length() - 1).replace("+", ""));
                literals.add(in.readNBytes(n));
                continue;
            }
            return new Response(text.toString(), literals);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new IOException("the server closed the connection");
    }

    @Override
    public void close() throws IOException {
        try {
            command("LOGOUT", null);
        } catch (IOException e) {
            // closing anyway
        }
        socket.close();
    }
}
