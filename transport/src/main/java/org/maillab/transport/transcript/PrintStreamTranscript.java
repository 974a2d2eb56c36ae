package org.maillab.transport.transcript;

import java.io.PrintStream;

/** Prints every entry as one line ({@link TranscriptEntry#format()}), e.g. for {@code maillab serve --trace}. */
public final class PrintStreamTranscript implements TranscriptSink {

    private final PrintStream out;

    /** @param out where lines go, e.g. {@code System.out} */
    public PrintStreamTranscript(PrintStream out) {
        this.out = out;
    }

    @Override
    public void entry(TranscriptEntry entry) {
        String line = entry.format();
        synchronized (out) {
            out.println(line);
        }
    }
}
