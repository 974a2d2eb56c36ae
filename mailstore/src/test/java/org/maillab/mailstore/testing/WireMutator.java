package org.maillab.mailstore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The socket-level mutation fuzz of the servers (docs/fuzzing.md): turns valid client transcripts into
 * hostile sessions (octets flipped, the session cut short, numbers made huge, literals announced where
 * none were, over-long lines, control octets, lines dropped or repeated) and plays them against a
 * server on loopback in uneven writes. Seeded: the same seed gives the same sessions.
 */
public final class WireMutator {

    /** Numbers at the edges of every width a parser might use, and past them. */
    static final List<String> HUGE = List.of("0", "-1", "4294967295", "4294967296", "2147483648",
            "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551622",
            "99999999999999999999999999999999");

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Random random;

    public WireMutator(long seed) {
        this.random = new Random(seed);
    }

    /** The client side of each {@code C:} transcript (lines joined with CRLF), one per file. */
    public static List<byte[]> clientStreams(Path transcripts) throws IOException {
        List<byte[]> streams = new ArrayList<>();
        try (Stream<Path> files = Files.list(transcripts)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    // "C: x" and "C1: x" (first of two clients); the second client's lines are left out.
                    if (line.startsWith("C: ") || line.equals("C:") || line.startsWith("C1: ")) {
                        out.writeBytes(line.substring(line.indexOf(':') + 1).replaceFirst("^ ", "")
                                .getBytes(StandardCharsets.UTF_8));
                        out.writeBytes(new byte[] {'\r', '\n'});
                    }
                }
                streams.add(out.toByteArray());
            }
        }
        return streams;
    }

    /** A mutated copy of {@code session}: one to three mutations. */
    public Mutant mutate(byte[] session) {
        byte[] bytes = session;
        boolean abrupt = false;
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(9);
            applied.add(KINDS[kind]);
            switch (kind) {
                case 0 -> bytes = flip(bytes);
                case 1 -> {
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                    abrupt = true; // cut mid-command: the client vanishes
                }
                case 2 -> bytes = hugeNumber(bytes);
                case 3 -> bytes = literal(bytes);
                case 4 -> bytes = insert(bytes, random.nextInt(bytes.length + 1), overlong());
                case 5 -> bytes = insert(bytes, random.nextInt(bytes.length + 1), control());
                case 6 -> bytes = dropLine(bytes);
                case 7 -> bytes = repeatLine(bytes);
                default -> bytes = flip(flip(bytes));
            }
        }
        return new Mutant(bytes, abrupt, String.join("+", applied));
    }

    private static final String[] KINDS = {"flip", "truncate", "huge-number", "literal", "overlong-line",
        "control-octets", "drop-line", "repeat-line", "two-flips"};

    /** A mutated session: its octets, whether the client vanishes after them, and what was done. */
    public record Mutant(byte[] bytes, boolean abrupt, String description) {
    }

    private byte[] flip(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] copy = b.clone();
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        return copy;
    }

    private byte[] hugeNumber(byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        Matcher m = DIGITS.matcher(text);
        List<int[]> runs = new ArrayList<>();
        while (m.find()) {
            runs.add(new int[] {m.start(), m.end()});
        }
        if (runs.isEmpty()) {
            return b;
        }
        int[] run = runs.get(random.nextInt(runs.size()));
        String replaced = text.substring(0, run[0]) + HUGE.get(random.nextInt(HUGE.size())) + text.substring(run[1]);
        return replaced.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Announces a literal at the end of a line; small ones get their octets (some above the 8 KiB spool line). */
    private byte[] literal(byte[] b) {
        List<Integer> ends = lineEnds(b);
        if (ends.isEmpty()) {
            return b;
        }
        int at = ends.get(random.nextInt(ends.size()));
        long[] sizes = {0, 1, 7, 300, 9000, 70_000, 4294967296L, Long.MAX_VALUE};
        long size = sizes[random.nextInt(sizes.length)];
        String announcement = " {" + size + (random.nextBoolean() ? "+" : "") + "}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(announcement.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {'\r', '\n'});
        if (size <= 9000) {
            byte[] octets = new byte[(int) size];
            random.nextBytes(octets);
            out.writeBytes(octets);
        }
        return insert(b, at, out.toByteArray());
    }

    private byte[] overlong() {
        byte[] line = new byte[70_000 + random.nextInt(1000)];
        java.util.Arrays.fill(line, (byte) 'A');
        return line;
    }

    private byte[] control() {
        byte[] pool = {0, '\r', '\n', 0x7f, (byte) 0xff, (byte) 0x80, '\t', 0x1b, '{', '}', '"', '\\', '(', ')'};
        byte[] out = new byte[1 + random.nextInt(6)];
        for (int i = 0; i < out.length; i++) {
            out[i] = pool[random.nextInt(pool.length)];
        }
        return out;
    }

    private byte[] dropLine(byte[] b) {
        List<int[]> lines = lines(b);
        if (lines.isEmpty()) {
            return b;
        }
        int[] line = lines.get(random.nextInt(lines.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, line[0]);
        out.write(b, line[1], b.length - line[1]);
        return out.toByteArray();
    }

    private byte[] repeatLine(byte[] b) {
        List<int[]> lines = lines(b);
        if (lines.isEmpty()) {
            return b;
        }
        int[] line = lines.get(random.nextInt(lines.size()));
        return insert(b, line[1], java.util.Arrays.copyOfRange(b, line[0], line[1]));
    }

    /** Positions of the CR of each CRLF (where an announcement would go). */
    private static List<Integer> lineEnds(byte[] b) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                ends.add(i);
            }
        }
        return ends;
    }

    /** [start, end) of each line, CRLF included. */
    private static List<int[]> lines(byte[] b) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                lines.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    /**
     * Plays a mutant against a server on loopback: writes it in uneven pieces while a second thread
     * reads everything the server sends, then either closes at once ({@link Mutant#abrupt()}) or shuts
     * the output and waits for the server to close. The read timeout is only a safety net: a server
     * that neither answers nor closes makes {@link Outcome#closedByServer()} false.
     */
    public Outcome play(InetSocketAddress server, Mutant mutant, int readTimeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, readTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            Reader reader = new Reader(socket.getInputStream());
            Thread thread = new Thread(reader, "mutant-reader");
            thread.start();
            byte[] bytes = mutant.bytes();
            try {
                for (int at = 0; at < bytes.length; ) {
                    int n = Math.min(bytes.length - at, random.nextInt(4) == 0 ? 1 + random.nextInt(4096)
                            : 1 + random.nextInt(64));
                    socket.getOutputStream().write(bytes, at, n);
                    socket.getOutputStream().flush();
                    at += n;
                }
                if (!mutant.abrupt()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server closed first (BYE, a line too long to resynchronize): what it sent is read below.
            }
            if (mutant.abrupt()) {
                socket.close();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Outcome(reader.received.toByteArray(), mutant.abrupt() || reader.endOfStream);
        }
    }

    /** What the server sent, and whether it closed the connection (rather than leaving it hanging). */
    public record Outcome(byte[] received, boolean closedByServer) {
        public String text() {
            return new String(received, StandardCharsets.ISO_8859_1);
        }
    }

    private static final class Reader implements Runnable {
        private final InputStream in;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile boolean endOfStream;

        Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
                endOfStream = true;
            } catch (SocketTimeoutException e) {
                endOfStream = false; // neither an answer nor a close within the safety net
            } catch (IOException e) {
                endOfStream = true; // reset by the server (or by our own abrupt close)
            }
        }
    }

    /** Reads a resource directory as a path (tests run from target/test-classes). */
    public static Path resourceDirectory(Class<?> anchor, String name) {
        try {
            return Path.of(anchor.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
