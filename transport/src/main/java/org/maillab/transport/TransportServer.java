package org.maillab.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.maillab.transport.transcript.TranscriptEntry;

/**
 * The NIO server: one selector thread accepts connections and does all socket and TLS I/O; a small
 * worker pool runs the protocol handlers (see {@link ProtocolHandler} for the threading contract). No
 * thread per connection and no buffer per idle connection, so 10,000 clients idling in IMAP IDLE cost
 * little more than their sockets.
 *
 * <pre>{@code
 * try (TransportServer server = TransportServer.start(ServerConfig.defaults())) {
 *     Listener pop3 = server.listen(ListenerConfig.of("pop3", new InetSocketAddress("127.0.0.1", 1110), factory));
 *     System.out.println("POP3 on " + pop3.localAddress());
 *     ...
 * }   // close(): graceful shutdown
 * }</pre>
 */
public final class TransportServer implements AutoCloseable {

    private static final int READ_BUFFER = 64 * 1024;
    private static final int ACCEPTS_PER_TURN = 64;
    private static final long MAX_SWEEP_INTERVAL_MS = 1000;
    private static final long MIN_SWEEP_INTERVAL_MS = 5;
    /** How long a listener stops accepting after accept failed (EMFILE): unless a connection closes first. */
    static final long ACCEPT_PAUSE_MS = 1000;
    private static final long ACCEPT_FAILURE_REPORT_MS = 60_000;

    private final ServerConfig config;
    private final Selector selector;
    private final ThreadPoolExecutor workers;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final AtomicLong nextConnectionId = new AtomicLong(1);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final List<ListenerState> listeners = new ArrayList<>(); // selector only
    private final Set<NioConnection> connections = new HashSet<>(); // selector only
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final Timers timers = new Timers(); // selector only
    private final LoginThrottle loginThrottle;
    private volatile Acceptor acceptor = ServerSocketChannel::accept;
    private ByteBuffer appBuffer = ByteBuffer.allocate(0);
    private volatile long sweepIntervalMillis = MAX_SWEEP_INTERVAL_MS;
    private volatile boolean running = true;
    private boolean shuttingDown;
    private final Object closedMonitor = new Object();

    private TransportServer(ServerConfig config) throws IOException {
        this.config = config;
        this.selector = Selector.open();
        this.loginThrottle = new LoginThrottle(config.loginPolicy(), config.clock());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "maillab-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.loop = new Thread(this::run, "maillab-selector");
        this.loop.setDaemon(true);
    }

    /** Starts the selector thread and the workers; add listeners with {@link #listen}. */
    public static TransportServer start(ServerConfig config) throws IOException {
        TransportServer server = new TransportServer(config);
        server.loop.start();
        return server;
    }

    /**
     * Binds a listening socket and starts accepting on it.
     *
     * @throws IOException if the address cannot be bound
     */
    public Listener listen(ListenerConfig listenerConfig) throws IOException {
        if (!running) {
            throw new IllegalStateException("server is closed");
        }
        ServerSocketChannel ssc = ServerSocketChannel.open();
        try {
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ssc.bind(listenerConfig.address(), 1024);
            ssc.configureBlocking(false);
        } catch (IOException e) {
            ssc.close();
            throw e;
        }
        ListenerState state = new ListenerState(listenerConfig, ssc, (InetSocketAddress) ssc.getLocalAddress());
        noteIdleTimeout(listenerConfig.idleTimeout().toMillis());
        CompletableFuture<Void> registered = new CompletableFuture<>();
        post(() -> {
            try {
                state.key = ssc.register(selector, SelectionKey.OP_ACCEPT, state);
                listeners.add(state);
                registered.complete(null);
            } catch (IOException | RuntimeException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            ssc.close();
            throw new IOException("cannot register listener", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ssc.close();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            ssc.close();
            throw new IOException("selector thread did not answer", e);
        }
        return state;
    }

    /** Connections open now, over all listeners. */
    public int openConnections() {
        return openConnections.get();
    }

    /** The configuration. */
    public ServerConfig config() {
        return config;
    }

    /** Graceful shutdown with the configured grace period ({@link #shutdown(Duration)}). */
    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    /**
     * Stops accepting, tells every handler ({@link ProtocolHandler#onShutdown}), waits up to {@code grace} for
     * the connections to close, aborts the rest, runs the last {@code onClose} callbacks and stops the
     * threads. Idempotent.
     *
     * @return whether all connections closed within the grace period
     */
    public boolean shutdown(Duration grace) {
        if (!running) {
            return true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        post(() -> {
            shuttingDown = true;
            for (ListenerState l : listeners) {
                closeQuietly(l);
            }
            for (NioConnection c : List.copyOf(connections)) {
                c.shutdown();
            }
        });
        boolean graceful = awaitNoConnections(deadline);
        post(() -> {
            for (NioConnection c : List.copyOf(connections)) {
                c.closeNow(CloseReason.SHUTDOWN, "grace period over");
            }
        });
        awaitNoConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != loop) {
            try {
                loop.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        return graceful;
    }

    private boolean awaitNoConnections(long deadlineNanos) {
        synchronized (closedMonitor) {
            while (openConnections.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    closedMonitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ for connections

    ServerConfig configInternal() {
        return config;
    }

    ExecutorService workers() {
        return workers;
    }

    long now() {
        return config.clock().millis();
    }

    Instant instant() {
        return config.clock().instant();
    }

    /** Counts failed logins over every listener of this server. */
    LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /** Runs {@code task} on the selector thread after {@code delay} of the server's clock (any thread). */
    void schedule(Duration delay, Runnable task) {
        long due = now() + delay.toMillis(); // from now, not from when the selector gets to it
        post(() -> timers.schedule(due, task));
    }

    /** How the selector accepts a connection; tests put a failing one in (the fd limit, EMFILE). */
    interface Acceptor {
        SocketChannel accept(ServerSocketChannel channel) throws IOException;
    }

    void acceptWith(Acceptor a) {
        acceptor = a;
    }

    /** The selector's shared read buffer (selector only). */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** The selector's shared buffer for unwrapped TLS data, at least {@code size} bytes (selector only). */
    ByteBuffer appBuffer(int size) {
        if (appBuffer.capacity() < size) {
            appBuffer = ByteBuffer.allocate(size);
        }
        return appBuffer;
    }

    /** Runs {@code task} on the selector thread. */
    void post(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != loop && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** A connection's idle timeout is (at least) this short: sweep often enough to honour it. */
    void noteIdleTimeout(long millis) {
        if (millis > 0) {
            long interval = Math.max(MIN_SWEEP_INTERVAL_MS, Math.min(MAX_SWEEP_INTERVAL_MS, millis / 4));
            if (interval < sweepIntervalMillis) {
                sweepIntervalMillis = interval;
                selector.wakeup();
            }
        }
    }

    /**
     * Checks idle timeouts and runs the timers that are due now (delayed login answers, the time to
     * authenticate); completes after that. For tests whose {@link ServerConfig#clock()} they move by hand.
     */
    public CompletableFuture<Void> sweepNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> {
            sweep();
            timers.runDue(now());
            done.complete(null);
        });
        return done;
    }

    void connectionClosed(NioConnection c, ListenerState l) {
        if (connections.remove(c)) {
            l.release(c.remoteAddress().getAddress());
            openConnections.decrementAndGet();
            for (ListenerState paused : listeners) {
                resumeAccepting(paused); // a descriptor is free again
            }
            synchronized (closedMonitor) {
                closedMonitor.notifyAll();
            }
        }
    }

    // ------------------------------------------------------------------ the loop

    private void run() {
        long nextSweep = System.nanoTime();
        try {
            while (running) {
                if (tasks.isEmpty()) {
                    long waitMillis = Math.max(1, Math.min(timers.millisToNext(now()),
                            (nextSweep - System.nanoTime()) / 1_000_000));
                    selector.select(this::onSelected, waitMillis);
                } else {
                    selector.selectNow(this::onSelected); // tasks posted by this thread itself: no wakeup came
                }
                wakeupPending.set(false);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        System.err.println("maillab transport: selector task failed");
                        e.printStackTrace();
                    }
                }
                timers.runDue(now());
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + sweepIntervalMillis * 1_000_000;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            System.err.println("maillab transport: selector failed: " + e);
        } finally {
            for (NioConnection c : List.copyOf(connections)) {
                c.closeNow(CloseReason.SHUTDOWN, null);
            }
            for (ListenerState l : listeners) {
                closeQuietly(l);
            }
            try {
                selector.close();
            } catch (IOException e) {
                // Nothing left to do.
            }
        }
    }

    private void onSelected(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            if (attachment instanceof ListenerState l) {
                if (key.isValid() && key.isAcceptable()) {
                    accept(l);
                }
            } else if (attachment instanceof NioConnection c) {
                if (key.isValid() && key.isReadable()) {
                    c.onReadable();
                }
                if (key.isValid() && key.isWritable()) {
                    c.pump();
                }
            }
        } catch (RuntimeException e) {
            System.err.println("maillab transport: selector event failed for " + attachment);
            e.printStackTrace();
            if (attachment instanceof NioConnection c) {
                c.closeNow(CloseReason.IO_ERROR, e.toString());
            }
        }
    }

    private void sweep() {
        long now = now();
        for (NioConnection c : List.copyOf(connections)) {
            c.checkIdle(now);
        }
    }

    private void accept(ListenerState l) {
        for (int i = 0; i < ACCEPTS_PER_TURN && !shuttingDown; i++) {
            SocketChannel ch;
            try {
                ch = acceptor.accept(l.channel);
            } catch (IOException e) {
                acceptFailed(l, e);
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
                String refusal = openConnections.get() >= config.maxConnections()
                        ? "too many connections on this server (" + openConnections.get() + ")"
                        : l.admit(remote.getAddress());
                long id = nextConnectionId.getAndIncrement();
                if (refusal != null) {
                    refuse(l, ch, id, remote, refusal);
                    continue;
                }
                NioConnection c = new NioConnection(id, this, l, ch, remote, local);
                connections.add(c);
                openConnections.incrementAndGet();
                SelectionKey key = ch.register(selector, SelectionKey.OP_READ, c);
                c.start(key);
            } catch (IOException e) {
                closeQuietly(ch);
            }
        }
    }

    /**
     * Accept failed, typically at the process's file descriptor limit (EMFILE): the pending connection
     * stays in the backlog, so the listener would be selected again at once and the loop would spin. It
     * stops accepting until a connection closes or {@link #ACCEPT_PAUSE_MS} pass, and says so once.
     */
    private void acceptFailed(ListenerState l, IOException e) {
        if (l.acceptPaused || !l.key.isValid()) {
            return;
        }
        l.acceptPaused = true;
        l.key.interestOps(0);
        long now = now();
        if (now - l.acceptFailureReported >= ACCEPT_FAILURE_REPORT_MS) { // once a minute at most: clients churn
            l.acceptFailureReported = now;
            System.err.println("maillab transport: " + l.config.name() + ": cannot accept (" + e.getMessage()
                    + "); pausing accepts until a connection closes, retrying every " + ACCEPT_PAUSE_MS + " ms");
        }
        timers.schedule(now + ACCEPT_PAUSE_MS, () -> resumeAccepting(l));
    }

    private void resumeAccepting(ListenerState l) {
        if (l.acceptPaused && l.key.isValid() && !shuttingDown) {
            l.acceptPaused = false;
            l.key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void refuse(ListenerState l, SocketChannel ch, long id, InetSocketAddress remote, String why) {
        if (config.transcript() != null) {
            config.transcript().entry(new TranscriptEntry(instant(), id, TranscriptEntry.Kind.NOTE,
                    l.config.name() + " connection from " + remote.getAddress().getHostAddress() + " refused: " + why));
        }
        byte[] line = l.config.refusal();
        if (line.length > 0 && !l.config.implicitTls()) {
            try {
                // One non-blocking write: a short line always fits a fresh socket's send buffer.
                ch.write(ByteBuffer.wrap(line));
            } catch (IOException e) {
                // The client is gone already.
            }
        }
        closeQuietly(ch);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }

    private static void closeQuietly(ListenerState l) {
        closeQuietly(l.channel);
    }

    /** A bound listener and its connection counts (counts: selector only). */
    static final class ListenerState implements Listener {
        final ListenerConfig config;
        final ServerSocketChannel channel;
        final InetSocketAddress bound;
        SelectionKey key;
        boolean acceptPaused;
        long acceptFailureReported = Long.MIN_VALUE / 2; // when the last accept failure was reported
        private final Map<InetAddress, Integer> perAddress = new HashMap<>();
        private volatile int open;

        ListenerState(ListenerConfig config, ServerSocketChannel channel, InetSocketAddress bound) {
            this.config = config;
            this.channel = channel;
            this.bound = bound;
        }

        /** Counts the new connection in, or says why it is refused. */
        String admit(InetAddress address) {
            if (open >= config.maxConnections()) {
                return "too many connections (" + open + ")";
            }
            int fromAddress = perAddress.getOrDefault(address, 0);
            if (fromAddress >= config.maxConnectionsPerAddress()) {
                return "too many connections from this address (" + fromAddress + ")";
            }
            perAddress.put(address, fromAddress + 1);
            open++;
            return null;
        }

        void release(InetAddress address) {
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            open--;
        }

        @Override
        public ListenerConfig config() {
            return config;
        }

        @Override
        public InetSocketAddress localAddress() {
            return bound;
        }

        @Override
        public int openConnections() {
            return open;
        }
    }
}
