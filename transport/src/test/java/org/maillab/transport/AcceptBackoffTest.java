package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * At the file descriptor limit accept fails (EMFILE) while the connection stays in the backlog: the
 * listener pauses instead of spinning, and accepts again after a pause or as soon as a connection closes
 * (issue 11, finding 9). The failure is simulated: the accept call fails while {@code full} is set.
 */
class AcceptBackoffTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicInteger failedAccepts = new AtomicInteger();
    private final Semaphore failures = new Semaphore(0);
    private TransportServer server;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withClock(clock));
        server.acceptWith(this::accept);
        listener = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0),
                c -> new EchoHandler()));
    }

    private SocketChannel accept(ServerSocketChannel channel) throws IOException {
        if (full.get()) {
            failedAccepts.incrementAndGet();
            failures.release();
            throw new IOException("Too many open files");
        }
        return channel.accept();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Several turns of the selector loop: a spinning accept would fail once per turn. */
    private void turns(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            server.sweepNow().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theListenerPausesInsteadOfSpinningAndAcceptsAgainAfterThePause() throws Exception {
        try (LineClient served = new LineClient(listener.localAddress())) {
            assertEquals("* hello", served.readLine());
            full.set(true);
            try (LineClient waiting = new LineClient(listener.localAddress())) { // connected, in the backlog
                assertTrue(failures.tryAcquire(10, TimeUnit.SECONDS));
                turns(20);
                assertEquals(1, failedAccepts.get());

                served.send("meanwhile\r\n"); // the connections already open are served
                assertEquals("ECHO meanwhile", served.readLine());

                clock.advance(Duration.ofMillis(TransportServer.ACCEPT_PAUSE_MS));
                turns(1);
                assertTrue(failures.tryAcquire(10, TimeUnit.SECONDS)); // one retry after the pause
                turns(20);
                assertEquals(2, failedAccepts.get()); // and paused again

                full.set(false);
                clock.advance(Duration.ofMillis(TransportServer.ACCEPT_PAUSE_MS));
                turns(1);
                assertEquals("* hello", waiting.readLine());
                assertEquals(2, failedAccepts.get());
            }
        }
    }

    @Test
    void aClosingConnectionResumesAcceptingAtOnce() throws Exception {
        LineClient leaving = new LineClient(listener.localAddress());
        assertEquals("* hello", leaving.readLine());
        full.set(true);
        try (LineClient waiting = new LineClient(listener.localAddress())) {
            assertTrue(failures.tryAcquire(10, TimeUnit.SECONDS));
            full.set(false);
            leaving.send("QUIT\r\n");
            assertEquals("BYE", leaving.readLine());
            leaving.close();
            assertEquals("* hello", waiting.readLine()); // no clock moved: the close freed a descriptor
        }
    }
}
