package org.maillab.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.maillab.transport.transcript.TranscriptSink;

/**
 * Server-wide settings, shared by all listeners of one {@link TransportServer}.
 *
 * @param workerThreads  threads that run handler callbacks and read streamed sources (blocking store I/O)
 * @param transcript     where the transcript tap writes, or {@code null} for no transcript
 * @param clock          the clock of idle timeouts and transcript times (tests inject a fixed or manual one)
 * @param shutdownGrace  how long {@link TransportServer#close()} lets connections finish before aborting them
 * @param outputHighWater queued output bytes above which a connection's next line is held back
 * @param inputBufferLimit received but not yet handled bytes above which a connection's socket is not read
 */
public record ServerConfig(int workerThreads, TranscriptSink transcript, Clock clock, Duration shutdownGrace,
                           int outputHighWater, int inputBufferLimit) {

    public ServerConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (workerThreads < 1 || outputHighWater < 1 || inputBufferLimit < 1) {
            throw new IllegalArgumentException("workerThreads/outputHighWater/inputBufferLimit must be positive");
        }
    }

    /** 8 workers, no transcript, the system clock, 5 s grace, 256 KiB output high water, 64 KiB input buffer. */
    /**
     * 32 workers: they mostly wait (for fsync, for a mailbox lock), not compute, and with fewer workers
     * than busy clients a command waits for a worker as well as for the disk (imaptest with 50
     * clients on one mailbox: each group commit then serves at most the few writers that have one).
     */
    public static ServerConfig defaults() {
        return new ServerConfig(32, null, Clock.systemUTC(), Duration.ofSeconds(5), 256 * 1024, 64 * 1024);
    }

    public ServerConfig withWorkerThreads(int n) {
        return new ServerConfig(n, transcript, clock, shutdownGrace, outputHighWater, inputBufferLimit);
    }

    public ServerConfig withTranscript(TranscriptSink sink) {
        return new ServerConfig(workerThreads, sink, clock, shutdownGrace, outputHighWater, inputBufferLimit);
    }

    public ServerConfig withClock(Clock c) {
        return new ServerConfig(workerThreads, transcript, c, shutdownGrace, outputHighWater, inputBufferLimit);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(workerThreads, transcript, clock, grace, outputHighWater, inputBufferLimit);
    }

    public ServerConfig withOutputHighWater(int bytes) {
        return new ServerConfig(workerThreads, transcript, clock, shutdownGrace, bytes, inputBufferLimit);
    }

    public ServerConfig withInputBufferLimit(int bytes) {
        return new ServerConfig(workerThreads, transcript, clock, shutdownGrace, outputHighWater, bytes);
    }
}
