package org.maillab.smtp.codec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads the lines of a DATA transfer (RFC 5321 §4.1.1.4), each with the terminator it came with, and
 * writes the message to a sink with the dot-stuffing undone (§4.5.2). Nothing is held in memory.
 *
 * <p>The data ends only at {@code <CRLF>.<CRLF>}: a line that is exactly {@code ".\r\n"} after a line
 * that ended in CRLF (the DATA command's own CRLF counts as the first). {@code <LF>.<LF>},
 * {@code <CR>.<CR>}, {@code <LF>.<CRLF>} and {@code <CRLF>.<LF>} are data, never the end: a server that
 * ends the data where an upstream relay did not lets a sender smuggle a second message past the relay
 * (the "SMTP smuggling" class of bugs). A message holding a bare CR or a bare LF is refused once its
 * end is reached (§2.3.8: they are not line ends in SMTP), as is one with a line over 1,000 octets
 * (§4.5.3.1.6) or more octets than the limit; the session answers and goes on.
 */
public final class DataReader {

    /** RFC 5321 §4.5.3.1.6: a text line has at most 1,000 octets, CRLF included. */
    public static final int MAX_LINE_OCTETS = 1000;

    /** Why a message was refused; {@code NONE} while it is fine. */
    public enum Problem { NONE, TOO_BIG, LINE_TOO_LONG, BARE_CR_OR_LF }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final OutputStream sink;
    private final long maxSize;
    private boolean afterCrlf = true;
    private long size;
    private Problem problem = Problem.NONE;
    private boolean ended;

    /**
     * @param sink    where the unstuffed message goes (not closed here)
     * @param maxSize the largest message accepted, in octets; more is counted and dropped
     */
    public DataReader(OutputStream sink, long maxSize) {
        this.sink = sink;
        this.maxSize = maxSize;
    }

    /**
     * One line with its terminator (CRLF or a bare LF). Returns true when it was the end of the data;
     * after that, no more lines may be given.
     */
    public boolean line(byte[] line) throws IOException {
        if (ended) {
            throw new IllegalStateException("the data has ended");
        }
        int length = line.length;
        boolean crlf = length >= 2 && line[length - 1] == LF && line[length - 2] == CR;
        boolean lf = length >= 1 && line[length - 1] == LF;
        int contentEnd = crlf ? length - 2 : lf ? length - 1 : length;
        if (afterCrlf && crlf && contentEnd == 1 && line[0] == '.') {
            ended = true;
            return true;
        }
        if (!crlf) {
            flag(Problem.BARE_CR_OR_LF);
        }
        for (int i = 0; i < contentEnd; i++) {
            if (line[i] == CR) {
                flag(Problem.BARE_CR_OR_LF);
                break;
            }
        }
        if (contentEnd + 2 > MAX_LINE_OCTETS) {
            flag(Problem.LINE_TOO_LONG);
        }
        int start = contentEnd > 0 && line[0] == '.' ? 1 : 0; // §4.5.2: remove the stuffed dot
        long octets = contentEnd - start + 2L;
        if (problem == Problem.NONE && size + octets > maxSize) {
            flag(Problem.TOO_BIG);
        }
        size += octets;
        if (problem == Problem.NONE) {
            sink.write(line, start, contentEnd - start);
            sink.write(CRLF);
        }
        afterCrlf = crlf;
        return false;
    }

    /**
     * A line too long for the framer was dropped. Its terminator is not known; it is taken as CRLF so a
     * correct client that sent a long line still ends its data. The message is refused anyway, and a
     * final delivery server runs no relay that could read the rest differently.
     */
    public void lineTooLong() {
        flag(Problem.LINE_TOO_LONG);
        afterCrlf = true;
    }

    /** Octets of the message so far, unstuffed, CRLF line ends. */
    public long size() {
        return size;
    }

    /** The first thing wrong with the message, or {@code NONE}. */
    public Problem problem() {
        return problem;
    }

    private void flag(Problem p) {
        if (problem == Problem.NONE) {
            problem = p;
        }
    }

    private static final byte[] CRLF = {CR, LF};
}
