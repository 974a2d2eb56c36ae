package org.maillab.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately thin IMAP client for load: it writes command text, skips literals in responses without
 * parsing them, and reads up to the tagged completion. It notes only what the workload needs: the
 * selected mailbox's size from {@code * n EXISTS} and {@code * n EXPUNGE} (RFC 9051 §7.4.1, §7.5.1), so
 * sequence numbers stay valid. Cheaper than {@code ImapClient}, so the client side disturbs the
 * measurement less. One thread at a time.
 */
final class WireClient implements Closeable {

    /** The tagged completion's status (RFC 9051 §7.1). */
    enum Status { OK, NO, BAD }

    static final int READ_TIMEOUT_MILLIS = 30_000;
    static final int MAX_LINE = 1 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private int tagCounter;
    private long exists;
    private long sent;
    private long tagged;
    private String lastCompletion = "";

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting; a BYE greeting (server busy) is an IOException. */
    static WireClient connect(LoadTarget target) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            WireClient client = new WireClient(socket);
            String greeting = client.readResponse();
            if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
                throw new IOException("server greeting is not OK: " + greeting);
            }
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads every response up to its tagged completion. */
    Status execute(Op op) throws IOException {
        String tag = "L" + (++tagCounter);
        out.write((tag + " " + op.text() + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        sent++;
        if (op.literal() != null) {
            // RFC 9051 §4.3: a synchronizing literal waits for the server's "+" (or its refusal).
            while (true) {
                String line = readResponse();
                if (line.startsWith("+")) {
                    break;
                }
                Status done = completion(tag, line);
                if (done != null) {
                    return done;
                }
            }
            out.write(op.literal());
            out.write('\r');
            out.write('\n');
            out.flush();
        }
        while (true) {
            Status done = completion(tag, readResponse());
            if (done != null) {
                return done;
            }
        }
    }

    /** The status if {@code line} completes {@code tag}; otherwise notes EXISTS/EXPUNGE and returns null. */
    private Status completion(String tag, String line) throws IOException {
        if (line.startsWith(tag + " ")) {
            tagged++;
            lastCompletion = line;
            String rest = line.substring(tag.length() + 1);
            for (Status s : Status.values()) {
                if (rest.regionMatches(true, 0, s.name(), 0, s.name().length())) {
                    return s;
                }
            }
            throw new IOException("tagged response without OK/NO/BAD: " + line);
        }
        if (line.startsWith("* ")) {
            int space = line.indexOf(' ', 2);
            if (space > 2 && Character.isDigit(line.charAt(2))) {
                String what = line.substring(space + 1);
                try {
                    long n = Long.parseLong(line.substring(2, space));
                    if (what.equalsIgnoreCase("EXISTS")) {
                        exists = n;
                    } else if (what.equalsIgnoreCase("EXPUNGE")) {
                        exists = Math.max(0, exists - 1);
                    }
                } catch (NumberFormatException e) {
                    // not a message-number response
                }
            }
        }
        return null;
    }

    /**
     * One response: a line, with any literals it announces skipped and the text after them joined on,
     * so a FETCH carrying a body reads as one line with the body left out.
     */
    private String readResponse() throws IOException {
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = readLine();
            response.append(line);
            long literal = literalAtEnd(line);
            if (literal < 0) {
                return response.toString();
            }
            skip(literal);
        }
    }

    /** n if the line ends with {@code {n}} (RFC 9051 §4.3), else -1. */
    static long literalAtEnd(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0 || open >= line.length() - 2) {
            return -1;
        }
        String digits = line.substring(open + 1, line.length() - 1);
        if (digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(128);
        while (true) {
            if (position == limit) {
                fill();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " octets");
            }
            line.append((char) (b & 0xff));
        }
    }

    private void skip(long octets) throws IOException {
        long left = octets;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int n = (int) Math.min(left, limit - position);
            position += n;
            left -= n;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            throw new IOException("server closed the connection");
        }
        position = 0;
        limit = n;
    }

    /** Messages in the selected mailbox as this session was told. */
    long exists() {
        return exists;
    }

    /** The last tagged completion line read, for error messages. */
    String lastCompletion() {
        return lastCompletion;
    }

    /** Commands written. */
    long sent() {
        return sent;
    }

    /** Tagged completions read; equals {@link #sent()} after every completed command. */
    long tagged() {
        return tagged;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
