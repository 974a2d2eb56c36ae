package org.maillab.simulator.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts one client session's traffic: bytes each way, flights (round trips), command lines and
 * connections. Fed by {@link TappedSocket}'s streams; thread-confined to the client's thread.
 *
 * <p>A flight is counted when the client starts reading after having written (or, on a new
 * connection, when the first bytes arrive: the server speaks first in POP3 and IMAP). Commands
 * written together before reading, as in pipelining, therefore count as one flight.
 */
public final class WireTap {

    private final String label;
    private long bytesDown;
    private long bytesUp;
    private long roundTrips;
    private long commands;
    private long connections;
    private boolean awaitingResponse;
    private WireStats compressExchange; // what the COMPRESS command cost, once compression started
    private long savedDown;
    private long savedUp;
    private final List<Mark> marks = new ArrayList<>();

    /** A named moment in the session, e.g. "newest message readable". */
    public record Mark(String name, WireStats at) {
    }

    public WireTap(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A connection was opened: the next bytes received start a flight (the greeting). */
    void connected() {
        connections++;
        awaitingResponse = true;
    }

    void sent(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        bytesUp += len;
        for (int i = off; compressExchange == null && i < off + len; i++) {
            if (b[i] == '\n') {
                commands++;
            }
        }
        awaitingResponse = true;
    }

    void received(long len) {
        if (len <= 0) {
            return;
        }
        if (awaitingResponse) {
            roundTrips++;
            awaitingResponse = false;
        }
        bytesDown += len;
    }

    /** Everything so far. */
    public WireStats stats() {
        return new WireStats(bytesDown, bytesUp, roundTrips, commands, connections);
    }

    /**
     * The session switched to COMPRESS=DEFLATE (RFC 4978) after an exchange that cost {@code exchange}.
     * Command lines can no longer be seen in the compressed bytes: the client reports each with
     * {@link #commandLine()}.
     */
    public void compressionStarted(WireStats exchange) {
        compressExchange = exchange;
    }

    /** One command line sent under compression. */
    public void commandLine() {
        commands++;
    }

    /** Octets compression saved this session, each way (protocol octets minus wire octets). */
    public void compressionSaved(long down, long up) {
        savedDown = down;
        savedUp = up;
    }

    /** Whether the session was compressed. */
    public boolean compressed() {
        return compressExchange != null;
    }

    /**
     * What this session would have cost without compression: the protocol's octets instead of the
     * compressed ones, and without the COMPRESS command's own round trip, command and octets.
     */
    public WireStats withoutCompression() {
        WireStats s = stats();
        if (compressExchange == null) {
            return s;
        }
        return new WireStats(s.bytesDown() + savedDown, s.bytesUp() + savedUp, s.roundTrips(), s.commands(),
                s.connections()).minus(new WireStats(compressExchange.bytesDown(), compressExchange.bytesUp(),
                compressExchange.roundTrips(), compressExchange.commands(), 0));
    }

    /** Records the traffic up to now under a name. */
    public void mark(String name) {
        marks.add(new Mark(name, stats()));
    }

    public List<Mark> marks() {
        return List.copyOf(marks);
    }
}
