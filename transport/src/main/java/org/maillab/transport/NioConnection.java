package org.maillab.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.maillab.transport.framing.FrameEvent;
import org.maillab.transport.framing.Framer;
import org.maillab.transport.transcript.TranscriptEntry;
import org.maillab.transport.transcript.TranscriptSink;

/**
 * The transport's side of one connection. Three kinds of threads touch it:
 * <ul>
 *   <li>the selector thread reads the socket into {@code inbound}, and sends the output queue (through the
 *       {@link SSLEngine} when secure) — methods marked "selector";</li>
 *   <li>the connection's serial executor runs the input task (framing + handler callbacks) and other
 *       callbacks — "serial";</li>
 *   <li>any thread may queue output.</li>
 * </ul>
 * Shared state is guarded by {@code this}; handler code never runs while holding it.
 */
final class NioConnection implements Connection {

    private static final int EVENTS_PER_TURN = 64;
    /** Inflated chunks framed per input turn at most, so a decompression bomb cannot hog a worker. */
    private static final int INFLATES_PER_TURN = 64;
    private static final int STREAM_CHUNK = 64 * 1024;
    // Shared by all connections: two chunks per stream in flight, recycled when the stream is done.
    static final ChunkPool CHUNKS = new ChunkPool(STREAM_CHUNK, 32);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** zlib's default (6); RFC 4978 §4 leaves the trade-off of speed and ratio to the sender. */
    static final int COMPRESSION_LEVEL = Deflater.DEFAULT_COMPRESSION;
    private static final ByteBuffer EMPTY_INPUT = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final long id;
    private final TransportServer server;
    private final TransportServer.ListenerState listener;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final SerialExecutor serial;
    private final TranscriptSink transcript;
    private SelectionKey key;

    // serial only
    private final Framer framer;
    private ProtocolHandler handler;
    private UnaryOperator<String> masker = UnaryOperator.identity();
    private boolean maskNext;
    private volatile Thread callbackThread;
    private CloseReason closeContext = CloseReason.BY_HANDLER;
    private boolean inInputTask;
    private boolean deferredFlush;

    // guarded by this
    private ByteBuffer inbound; // read mode; null when empty
    private boolean inputScheduled;
    private boolean inputEof;
    private boolean discardInput; // between startTls() and the switch: plaintext is dropped
    private boolean pausedForOutput;
    private boolean readSuspended;
    private final OutputQueue out = new OutputQueue();
    private boolean closeRequested;
    private CloseReason requestedReason = CloseReason.BY_HANDLER;
    private boolean closed;
    private boolean flushRequested;
    private InflateInput inflate;   // after startCompression(): inbound holds compressed bytes
    private DeflateOutput deflate;  // once the START_COMPRESSION marker is reached
    private boolean compressing;    // startCompression() was called
    private boolean inflateYield;   // the last frame turn stopped at INFLATES_PER_TURN

    private boolean wantWrite; // the selector waits for OP_WRITE
    // selector only
    private SSLEngine engine;
    private ByteBuffer netIn;  // write mode
    private ByteBuffer netOut; // read mode
    private boolean handshakeComplete;
    private boolean tlsTaskRunning;
    private CloseReason pendingClose;

    private volatile boolean secure;
    private volatile long lastActivity;
    private volatile long idleTimeoutMillis;

    NioConnection(long id, TransportServer server, TransportServer.ListenerState listener, SocketChannel channel,
                  InetSocketAddress remote, InetSocketAddress local) {
        this.id = id;
        this.server = server;
        this.listener = listener;
        this.channel = channel;
        this.remote = remote;
        this.local = local;
        this.serial = new SerialExecutor(server.workers());
        this.transcript = server.configInternal().transcript();
        this.framer = new Framer(listener.config.maxLineLength(), listener.config.literalChunkSize());
        this.idleTimeoutMillis = listener.config.idleTimeout().toMillis();
        this.lastActivity = server.now();
    }

    // ------------------------------------------------------------------ setup (selector)

    /** Registered with the selector: start TLS if implicit, greet. */
    void start(SelectionKey selectionKey) {
        this.key = selectionKey;
        log(TranscriptEntry.Kind.OPEN, listener.config.name() + " connection from " + remote.getAddress().getHostAddress()
                + ":" + remote.getPort() + (listener.config.implicitTls() ? " (implicit TLS)" : ""));
        if (listener.config.implicitTls()) {
            try {
                beginTls();
            } catch (SSLException e) {
                closeNow(CloseReason.TLS_FAILED, e.toString());
                return;
            }
        }
        serial.execute(this::connect);
    }

    private void connect() {
        try {
            handler = listener.config.handlers().newHandler(this);
        } catch (RuntimeException e) {
            handlerFailed(e);
            return;
        }
        callback(CloseReason.BY_HANDLER, h -> h.onConnect(this));
    }

    // ------------------------------------------------------------------ Connection API (any thread)

    @Override
    public long id() {
        return id;
    }

    @Override
    public String protocol() {
        return listener.config.name();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed && !closeRequested;
    }

    @Override
    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        synchronized (this) {
            if (closed || closeRequested) {
                return;
            }
            out.add(bytes, offset, length);
        }
        logServer(bytes, offset, length);
        requestFlush();
    }

    @Override
    public void stream(ByteSource source) {
        synchronized (this) {
            if (closed || closeRequested) {
                return;
            }
            out.add(new OutputQueue.Stream(source));
        }
        log(TranscriptEntry.Kind.SERVER, "<streamed body>");
        requestFlush();
    }

    @Override
    public void startTls() {
        requireCallback("startTls");
        if (listener.config.tls() == null) {
            throw new IllegalStateException("listener " + listener.config.name() + " has no TLS context");
        }
        synchronized (this) {
            if (secure || discardInput) {
                throw new IllegalStateException("already secure");
            }
            if (compressing) {
                // RFC 4978 §3: TLS goes under the compression; switching it in mid-stream is not supported.
                throw new IllegalStateException("TLS must be started before compression");
            }
            if (closed || closeRequested) {
                return;
            }
            // RFC 2595 §2.2, RFC 3207 §6: whatever the client pipelined after this command is discarded.
            discardInput = true;
            inbound = null;
            framer.reset();
            out.add(OutputQueue.Marker.START_TLS);
        }
        requestFlush();
    }

    @Override
    public void startCompression() {
        requireCallback("startCompression");
        synchronized (this) {
            if (compressing) {
                throw new IllegalStateException("already compressing");
            }
            if (discardInput) {
                throw new IllegalStateException("a TLS switch is pending");
            }
            if (closed || closeRequested) {
                return;
            }
            compressing = true;
            // RFC 4978 §3: the client compresses from the first command after COMPRESS, so whatever
            // follows the current line in the input buffer is already compressed.
            inflate = new InflateInput();
            out.add(OutputQueue.Marker.START_COMPRESSION);
        }
        log(TranscriptEntry.Kind.NOTE, "DEFLATE compression");
        requestFlush();
    }

    @Override
    public synchronized boolean isCompressed() {
        return compressing;
    }

    /** Compression figures (tests): bytes in and out of the compressor and the decompressor, or null. */
    synchronized long[] compressionCounts() {
        if (!compressing) {
            return null;
        }
        return new long[] {deflate == null ? 0 : deflate.bytesIn(), deflate == null ? 0 : deflate.bytesOut(),
                inflate == null ? 0 : inflate.bytesIn(), inflate == null ? 0 : inflate.bytesOut()};
    }

    @Override
    public void expectLiteral(long size) {
        requireCallback("expectLiteral");
        if (size < 0 || size > listener.config.maxLiteralSize()) {
            throw new IllegalArgumentException("literal of " + size + " bytes; the limit is "
                    + listener.config.maxLiteralSize());
        }
        framer.expectLiteral(size);
    }

    @Override
    public void discardLiteral(long size) {
        requireCallback("discardLiteral");
        framer.discardLiteral(size);
    }

    @Override
    public long maxLiteralSize() {
        return listener.config.maxLiteralSize();
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout " + timeout);
        }
        lastActivity = server.now();
        idleTimeoutMillis = timeout.toMillis();
        server.noteIdleTimeout(idleTimeoutMillis);
    }

    @Override
    public void close() {
        requestClose(callbackThread == Thread.currentThread() ? closeContext : CloseReason.BY_HANDLER);
    }

    @Override
    public void abort() {
        abortWith(callbackThread == Thread.currentThread() ? closeContext : CloseReason.BY_HANDLER);
    }

    @Override
    public void execute(Runnable task) {
        serial.execute(() -> {
            if (isOpen()) {
                callback(CloseReason.BY_HANDLER, h -> task.run());
            }
        });
    }

    @Override
    public void transcriptState(String state) {
        log(TranscriptEntry.Kind.STATE, state);
    }

    @Override
    public void transcriptNote(String text) {
        log(TranscriptEntry.Kind.NOTE, text);
    }

    @Override
    public void setClientLineMasker(UnaryOperator<String> masker) {
        this.masker = masker == null ? UnaryOperator.identity() : masker;
    }

    @Override
    public void maskNextClientLine() {
        maskNext = true;
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + listener.config.name() + " " + remote + "]";
    }

    // ------------------------------------------------------------------ closing

    /** Closes after the queued output is sent. */
    void requestClose(CloseReason reason) {
        synchronized (this) {
            if (closed || closeRequested) {
                return;
            }
            closeRequested = true;
            requestedReason = reason;
            out.add(OutputQueue.Marker.CLOSE);
        }
        requestFlush();
    }

    /** Closes now, from any thread. */
    void abortWith(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeRequested = true;
            requestedReason = reason;
        }
        server.post(() -> closeNow(reason, null));
    }

    /** Closes now (selector). */
    void closeNow(CloseReason reason, String detail) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeRequested = true;
            out.clear();
            inbound = null;
            endCompression();
        }
        if (engine != null && handshakeComplete && reason != CloseReason.TLS_FAILED && channel.isOpen()) {
            sendCloseNotify();
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
        netIn = null;
        netOut = null;
        server.connectionClosed(this, listener);
        log(TranscriptEntry.Kind.CLOSE, "closed: " + reason.name().toLowerCase().replace('_', ' ')
                + (detail == null ? "" : " (" + detail + ")"));
        if (reason == CloseReason.SOURCE_FAILED) {
            // A reply cut short is a server-side failure, like a handler's: say so where it is seen
            // even without a transcript (a benchmark only sees "server closed the connection").
            System.err.println("maillab transport: connection " + id + " (" + listener.config.name()
                    + "): streamed reply failed, connection aborted: " + detail);
        }
        serial.execute(() -> {
            if (handler != null) {
                ProtocolHandler h = handler;
                handler = null; // onClose is the last callback
                callbackThread = Thread.currentThread();
                try {
                    h.onClose(this, reason);
                } catch (RuntimeException | Error e) {
                    report(e);
                } finally {
                    callbackThread = null;
                }
            }
        });
    }

    /** Best effort: one record with the TLS close_notify alert, never blocking. */
    private void sendCloseNotify() {
        try {
            engine.closeOutbound();
            ByteBuffer buf = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(EMPTY, buf);
            buf.flip();
            int n = channel.write(buf);
            traffic(false, n);
        } catch (IOException | RuntimeException e) {
            // The peer may be gone already.
        }
    }

    /** Received bytes not yet framed (tests check that back-pressure bounds it). */
    synchronized int bufferedInputBytes() {
        return inbound == null ? 0 : inbound.remaining();
    }

    /** Queued output bytes, streams not included (tests). */
    synchronized long bufferedOutputBytes() {
        return out.bufferedBytes();
    }

    boolean isClosed() {
        synchronized (this) {
            return closed;
        }
    }

    // ------------------------------------------------------------------ idle timeouts (selector)

    /** Checks the idle timeout; returns the time left in ms (Long.MAX_VALUE if none). */
    long checkIdle(long now) {
        long timeout = idleTimeoutMillis;
        if (timeout <= 0) {
            return Long.MAX_VALUE;
        }
        long left = lastActivity + timeout - now;
        if (left > 0) {
            return left;
        }
        lastActivity = now;
        boolean closing;
        synchronized (this) {
            if (closed) {
                return Long.MAX_VALUE;
            }
            closing = closeRequested;
        }
        if (closing) {
            // Timed out again while closing: the client does not even read its goodbye.
            closeNow(CloseReason.IDLE_TIMEOUT, "timed out while closing");
            return Long.MAX_VALUE;
        }
        log(TranscriptEntry.Kind.NOTE, "idle timeout after " + timeout + " ms");
        serial.execute(() -> {
            if (isOpen()) {
                callback(CloseReason.IDLE_TIMEOUT, h -> h.onIdleTimeout(this));
            }
        });
        return timeout;
    }

    /** The server is shutting down gracefully (selector). */
    void shutdown() {
        serial.execute(() -> {
            if (isOpen()) {
                callback(CloseReason.SHUTDOWN, h -> h.onShutdown(this));
            }
        });
    }

    // ------------------------------------------------------------------ input (selector)

    /** The socket is readable. */
    void onReadable() {
        ByteBuffer buf;
        int room;
        boolean discarding;
        synchronized (this) {
            if (closed) {
                return;
            }
            discarding = discardInput;
            room = discardInput ? Integer.MAX_VALUE : inputRoom();
        }
        if (discarding) {
            // If the reply before STARTTLS is completely sent, switch now: the client may already be
            // sending its ClientHello. Until then, anything read is plaintext it injected (discarded).
            pump();
            synchronized (this) {
                if (closed) {
                    return;
                }
                room = discardInput ? Integer.MAX_VALUE : inputRoom();
            }
        }
        if (room <= 0) {
            suspendRead();
            return;
        }
        if (engine == null) {
            buf = server.readBuffer();
            buf.clear();
            buf.limit(Math.min(buf.capacity(), room));
        } else {
            if (netIn == null) {
                netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            }
            if (!netIn.hasRemaining()) {
                // A full record is waiting for room in inbound.
                suspendRead();
                return;
            }
            buf = netIn;
        }
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            closeNow(CloseReason.CLIENT_CLOSED, e.getMessage());
            return;
        }
        if (n < 0) {
            onEof();
            return;
        }
        if (n == 0) {
            return;
        }
        lastActivity = server.now();
        traffic(true, n);
        if (engine == null) {
            buf.flip();
            appendInbound(buf);
        } else {
            pump();
        }
    }

    private int inputRoom() {
        int used = inbound == null ? 0 : inbound.remaining();
        return server.configInternal().inputBufferLimit() - used;
    }

    private void suspendRead() {
        synchronized (this) {
            readSuspended = true;
        }
        updateInterest();
    }

    /** Input task asked to read again (selector). */
    void resumeRead() {
        if (engine != null && netIn != null && netIn.position() > 0) {
            pump(); // records already received
        }
        updateInterest();
    }

    private void onEof() {
        boolean schedule;
        synchronized (this) {
            inputEof = true;
            schedule = !inputScheduled && !pausedForOutput && !discardInput;
            if (schedule) {
                inputScheduled = true;
            }
        }
        updateInterest();
        if (schedule) {
            serial.execute(this::runInput);
        } else if (isDiscarding()) {
            closeNow(CloseReason.CLIENT_CLOSED, null);
        }
    }

    private synchronized boolean isDiscarding() {
        return discardInput;
    }

    private void appendInbound(ByteBuffer data) {
        boolean schedule = false;
        boolean suspend;
        synchronized (this) {
            if (discardInput || closed || closeRequested || !data.hasRemaining()) {
                return;
            }
            inbound = append(inbound, data);
            if (inbound.remaining() >= server.configInternal().inputBufferLimit()) {
                readSuspended = true;
            }
            if (!inputScheduled && !pausedForOutput) {
                inputScheduled = true;
                schedule = true;
            }
            suspend = readSuspended;
        }
        if (schedule) {
            serial.execute(this::runInput);
        }
        if (suspend) {
            updateInterest();
        }
    }

    /** Appends {@code data} to a read-mode buffer, growing it if needed. */
    static ByteBuffer append(ByteBuffer buffer, ByteBuffer data) {
        int n = data.remaining();
        if (buffer == null) {
            buffer = ByteBuffer.allocate(Math.max(n, 256));
            buffer.limit(0);
        }
        if (buffer.capacity() - buffer.limit() < n) {
            int size = buffer.remaining() + n;
            if (buffer.capacity() >= size) {
                buffer.compact().flip();
            } else {
                ByteBuffer grown = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
                grown.put(buffer).flip();
                buffer = grown;
            }
        }
        int position = buffer.position();
        int limit = buffer.limit();
        buffer.limit(limit + n).position(limit);
        buffer.put(data);
        buffer.position(position);
        return buffer;
    }

    // ------------------------------------------------------------------ input (serial)

    /** Frames buffered input and hands events to the handler, one at a time. */
    private void runInput() {
        inInputTask = true;
        try {
            if (frameAndDispatch()) {
                serial.execute(this::runInput); // let other connections have the thread
            }
        } catch (RuntimeException | Error e) {
            // Nothing may escape the input task: the session would never be answered nor closed (issue 11).
            handlerFailed(e);
        } finally {
            inInputTask = false;
            flushDeferred();
        }
    }

    /** Returns whether there may be more to do (the turn ended, not the input). */
    private boolean frameAndDispatch() {
        for (int turn = 0; turn < EVENTS_PER_TURN; turn++) {
            FrameEvent event;
            boolean eof = false;
            boolean resume = false;
            boolean drained;
            synchronized (this) {
                if (closed || closeRequested || discardInput) {
                    inputScheduled = false;
                    return false;
                }
                if (outputBackedUp()) {
                    pausedForOutput = true;
                    inputScheduled = false;
                    return false;
                }
                // Ask the framer even without input: a literal may just have ended (or be {0}).
                try {
                    event = nextFrame();
                } catch (DataFormatException e) {
                    inputScheduled = false;
                    abortWith(CloseReason.COMPRESSION_FAILED);
                    log(TranscriptEntry.Kind.NOTE, "invalid compressed input: " + e.getMessage());
                    return false;
                }
                if (inbound != null && !inbound.hasRemaining()) {
                    inbound = null;
                }
                drained = inbound == null && (inflate == null || !inflate.plain().hasRemaining());
                if (event == null && inflateYield) {
                    return true; // more inflated input to frame: next turn, after other connections
                }
                if (readSuspended && inputRoom() > server.configInternal().inputBufferLimit() / 2) {
                    readSuspended = false;
                    resume = true;
                }
                if (event == null) {
                    inputScheduled = false;
                    eof = inputEof;
                }
            }
            if (resume) {
                server.post(this::resumeRead);
            }
            if (event == null) {
                if (eof) {
                    requestClose(CloseReason.CLIENT_CLOSED);
                }
                return false;
            }
            dispatch(event);
            if (drained) {
                flushDeferred(); // the burst is handled: send its replies now
            }
        }
        return true; // inputScheduled stays true
    }

    /**
     * The next frame event: from the input buffer, or with compression from what it inflates to, a small
     * buffer at a time (see {@link InflateInput}). Lock held.
     */
    private FrameEvent nextFrame() throws DataFormatException {
        inflateYield = false;
        if (inflate == null) {
            return framer.next(inbound == null ? EMPTY_INPUT : inbound);
        }
        for (int i = 0; ; i++) {
            FrameEvent event = framer.next(inflate.plain());
            if (event != null) {
                return event;
            }
            if (i == INFLATES_PER_TURN) {
                inflateYield = true;
                return null;
            }
            if (!inflate.inflate(inbound == null ? EMPTY_INPUT : inbound)) {
                if (inflate.finished()) {
                    // The client ended its compressed stream: nothing it sends later can be read.
                    inbound = null;
                    inputEof = true;
                }
                return null;
            }
        }
    }

    /** Frees the compressor and decompressor. Lock held. */
    private void endCompression() {
        if (deflate != null) {
            deflate.end();
            deflate = null;
        }
        if (inflate != null) {
            inflate.end();
            inflate = null;
        }
    }

    private boolean outputBackedUp() {
        return out.hasStreams() || out.bufferedBytes() > server.configInternal().outputHighWater();
    }

    private void dispatch(FrameEvent event) {
        if (event instanceof FrameEvent.Line line) {
            logClient(line.bytes());
            callback(CloseReason.BY_HANDLER, h -> h.onLine(this, line.bytes()));
        } else if (event instanceof FrameEvent.LineTooLong tooLong) {
            log(TranscriptEntry.Kind.CLIENT, "<line of " + tooLong.length() + " bytes discarded: too long>");
            callback(CloseReason.BY_HANDLER, h -> h.onLineTooLong(this, tooLong.length()));
        } else if (event instanceof FrameEvent.LiteralChunk chunk) {
            callback(CloseReason.BY_HANDLER, h -> h.onLiteralChunk(this, chunk.bytes()));
        } else if (event instanceof FrameEvent.LiteralEnd end) {
            log(TranscriptEntry.Kind.CLIENT, "<literal of " + end.size() + " bytes>");
            callback(CloseReason.BY_HANDLER, h -> h.onLiteralEnd(this, end.size()));
        }
    }

    private void callback(CloseReason context, Consumer<ProtocolHandler> action) {
        ProtocolHandler h = handler;
        if (h == null) {
            return;
        }
        callbackThread = Thread.currentThread();
        closeContext = context;
        try {
            action.accept(h);
        } catch (RuntimeException | Error e) {
            handlerFailed(e);
        } finally {
            callbackThread = null;
            closeContext = CloseReason.BY_HANDLER;
        }
        if (!inInputTask) {
            flushDeferred();
        }
    }

    /** Writes the output of the callbacks just run (serial). */
    private void flushDeferred() {
        if (!deferredFlush) {
            return;
        }
        deferredFlush = false;
        boolean needSelector = false;
        boolean resumeInput = false;
        IOException failure = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (engine != null || wantWrite || secure || compressing) {
                needSelector = true; // TLS, compression and a full socket are the selector's business
            } else {
                try {
                    while (true) {
                        Object head = out.peek();
                        if (head == null) {
                            break;
                        }
                        if (!(head instanceof ByteBuffer b)) {
                            needSelector = true; // streams and markers
                            break;
                        }
                        if (!b.hasRemaining()) {
                            out.poll();
                            continue;
                        }
                        long now = server.now(); // before the write: the client may react at once
                        int n = channel.write(b);
                        traffic(false, n);
                        sent(b, n, now);
                        if (b.hasRemaining()) {
                            needSelector = true;
                            break;
                        }
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
            resumeInput = failure == null && resumeInputIfDrained();
        }
        if (failure != null) {
            abortWith(CloseReason.CLIENT_CLOSED);
            return;
        }
        if (needSelector) {
            postFlush();
        }
        if (resumeInput) {
            serial.execute(this::runInput);
        }
    }

    /**
     * If input was held back for output that has now drained, marks input scheduled and returns {@code true}:
     * the caller then schedules {@link #runInput}. Caller holds the lock.
     */
    private boolean resumeInputIfDrained() {
        if (pausedForOutput && !closeRequested && !outputBackedUpLow()) {
            pausedForOutput = false;
            if (!inputScheduled) {
                inputScheduled = true;
                return true;
            }
        }
        return false;
    }

    /** A callback failed (a bug): the client gets the protocol's goodbye if it has one, then the connection ends. */
    private void handlerFailed(Throwable e) {
        report(e);
        log(TranscriptEntry.Kind.NOTE, "handler failed: " + e);
        String goodbye = null;
        try {
            ProtocolHandler h = handler;
            goodbye = h == null ? null : h.failureGoodbye();
        } catch (RuntimeException | Error again) {
            // No goodbye, then: the connection still ends.
        }
        if (goodbye == null) {
            abortWith(CloseReason.HANDLER_FAILED);
            return;
        }
        writeLine(goodbye);
        requestClose(CloseReason.HANDLER_FAILED);
    }

    private void report(Throwable e) {
        System.err.println("maillab transport: connection " + id + " (" + listener.config.name() + "): handler failed");
        e.printStackTrace();
    }

    private void requireCallback(String what) {
        if (callbackThread != Thread.currentThread()) {
            throw new IllegalStateException(what + " must be called from a handler callback of this connection");
        }
    }

    // ------------------------------------------------------------------ output (selector)

    private void requestFlush() {
        if (callbackThread == Thread.currentThread()) {
            // Output of a handler callback: written when the callback (or the burst of pipelined
            // commands) is done, directly from this worker if the socket takes it.
            deferredFlush = true;
            return;
        }
        postFlush();
    }

    private void postFlush() {
        synchronized (this) {
            if (flushRequested) {
                return;
            }
            flushRequested = true;
        }
        server.post(this::flush);
    }

    /** Sends what can be sent now (selector). */
    void flush() {
        synchronized (this) {
            flushRequested = false;
        }
        pump();
    }

    /** Moves bytes between the output queue, the engine and the socket as far as possible (selector). */
    void pump() {
        if (key == null) {
            return; // not registered yet; start() follows
        }
        boolean resumeInput = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                if (engine == null) {
                    pumpPlain();
                } else {
                    pumpTls();
                }
            } catch (SSLException e) {
                pendingClose = CloseReason.TLS_FAILED;
                pendingDetail = e.getMessage();
            } catch (IOException e) {
                pendingClose = CloseReason.CLIENT_CLOSED;
                pendingDetail = e.getMessage();
            }
            resumeInput = resumeInputIfDrained();
            if (netOut != null && !netOut.hasRemaining() && out.isEmpty()) {
                netOut = null; // idle: keep no record buffer
            }
            if (readSuspended && inputRoom() > server.configInternal().inputBufferLimit() / 2
                    && (netIn == null || netIn.hasRemaining())) {
                readSuspended = false; // updateInterest below reads again
            }
        }
        if (pendingClose != null) {
            CloseReason reason = pendingClose;
            String detail = pendingDetail;
            pendingClose = null;
            pendingDetail = null;
            closeNow(reason, detail);
            return;
        }
        if (resumeInput) {
            serial.execute(this::runInput);
        }
        updateInterest();
    }

    private String pendingDetail;

    private boolean outputBackedUpLow() {
        return out.hasStreams() || out.bufferedBytes() > server.configInternal().outputHighWater() / 4;
    }

    private void pumpPlain() throws IOException {
        wantWrite = false;
        while (true) {
            ByteBuffer b = nextWireOutput();
            if (b == null) {
                return;
            }
            long now = server.now(); // before the write: the client may react at once
            int n = channel.write(b);
            traffic(false, n);
            sent(b, n, now);
            if (b.hasRemaining()) {
                wantWrite = true;
                return;
            }
        }
    }

    /** Accounts {@code n} application bytes of the head item as sent (wire bytes are counted by the caller). */
    private void sent(ByteBuffer b, int n, long now) {
        if (deflate != null && b == deflate.pending()) {
            if (n > 0) {
                lastActivity = now; // the output bytes were accounted when compressed
            }
            return;
        }
        if (n > 0) {
            lastActivity = now;
            Object head = out.peek();
            if (head instanceof OutputQueue.Stream s) {
                s.sent += n;
            } else {
                out.sent(n);
            }
        }
    }

    /**
     * The buffer to send next, or {@code null} if nothing can be sent now. Acts on markers and streams at
     * the head of the queue. Caller holds the lock.
     */
    private ByteBuffer nextOutput() throws SSLException {
        while (true) {
            Object head = out.peek();
            if (head == null) {
                return null;
            }
            if (head instanceof ByteBuffer b) {
                if (b.hasRemaining()) {
                    return b;
                }
                out.poll();
            } else if (head instanceof OutputQueue.Stream s) {
                if (s.current != null && s.current.hasRemaining()) {
                    prefetch(s);
                    return s.current;
                }
                if (s.ready != null) {
                    s.spare = s.current; // recycle the sent chunk for the next fill
                    if (s.spare != null) {
                        s.spare.clear();
                    }
                    s.current = s.ready;
                    s.ready = null;
                    prefetch(s);
                    continue;
                }
                if (s.error != null) {
                    pendingClose = CloseReason.SOURCE_FAILED;
                    pendingDetail = s.error.toString();
                    return null;
                }
                if (s.finished()) {
                    out.poll();
                    CHUNKS.give(s.current); // nothing refers to them any more: no fill is running
                    CHUNKS.give(s.spare);
                    s.current = null;
                    s.spare = null;
                    continue;
                }
                prefetch(s);
                return null; // the fill's completion asks for a flush
            } else if (deflate != null && deflate.unflushed()) {
                return null; // a marker: flush what was compressed before it takes effect
            } else if (head == OutputQueue.Marker.START_COMPRESSION) {
                out.poll();
                // RFC 4978 §3: compression starts right after the CRLF of the tagged OK, sent before this.
                deflate = new DeflateOutput(COMPRESSION_LEVEL);
                return null;
            } else if (head == OutputQueue.Marker.START_TLS) {
                out.poll();
                beginTls();
                return null;
            } else if (head == OutputQueue.Marker.CLOSE) {
                out.poll();
                pendingClose = requestedReason;
                return null;
            }
        }
    }

    /**
     * The next bytes for the socket (or the TLS engine): the output queue's, or with compression the
     * compressor's output, flushed whenever nothing more can be sent at once. Caller holds the lock.
     */
    private ByteBuffer nextWireOutput() throws SSLException {
        if (deflate == null) {
            ByteBuffer b = nextOutput();
            if (b != null || deflate == null) {
                return b;
            }
            // The compression marker was just reached: what follows goes through the compressor.
        }
        while (true) {
            if (deflate.hasPending()) {
                return deflate.pending();
            }
            ByteBuffer data = nextOutput(); // stops before a marker while the compressor is unflushed
            if (data != null) {
                int n = deflate.compress(data);
                sent(data, n, lastActivity);
                continue;
            }
            if (pendingClose != null) {
                return null;
            }
            if (deflate.unflushed()) {
                // Nothing more to send now (the batch is done, or a stream waits for its next chunk):
                // SYNC_FLUSH so the client can read all of it (RFC 4978 §4).
                deflate.flush();
                continue;
            }
            return null;
        }
    }

    /** Starts filling the stream's next chunk on a worker, unless one is filled or being filled. Lock held. */
    private void prefetch(OutputQueue.Stream s) {
        if (s.filling || s.exhausted || s.error != null || s.ready != null || s.cancelled) {
            return;
        }
        ByteBuffer buffer = s.spare != null ? s.spare : CHUNKS.take();
        s.spare = null;
        s.filling = true;
        server.workers().execute(() -> fill(s, buffer));
    }

    /**
     * Reads the next chunk of a stream (worker thread, outside the serial order: it touches only the
     * stream, and at most one fill per stream runs at a time). While the socket takes every chunk at
     * once, this worker goes on reading and sending (see {@link #sendDirect}) instead of handing each
     * chunk to the selector and back: two thread hand-overs per chunk saved. The selector is asked
     * once, when the stream ends or the socket is full.
     */
    private void fill(OutputQueue.Stream s, ByteBuffer buffer) {
        while (true) {
            InputStream in;
            synchronized (this) {
                if (s.cancelled) {
                    s.filling = false;
                    OutputQueue.closeQuietly(s.in);
                    s.in = null;
                    CHUNKS.give(buffer);
                    return;
                }
                in = s.in;
            }
            IOException error = null;
            boolean exhausted = false;
            buffer.clear();
            try {
                if (in == null) {
                    in = s.source.open();
                }
                byte[] a = buffer.array();
                int filled = 0;
                while (filled < a.length) {
                    int n = in.read(a, filled, a.length - filled);
                    if (n < 0) {
                        exhausted = true;
                        break;
                    }
                    filled += n;
                }
                buffer.limit(filled);
            } catch (IOException | RuntimeException e) {
                error = e instanceof IOException io ? io : new IOException(e);
                buffer.limit(0);
            }
            synchronized (this) {
                s.filling = false;
                s.in = in;
                if (buffer.hasRemaining()) {
                    s.ready = buffer;
                } else if (s.spare == null) {
                    s.spare = buffer;
                } else {
                    CHUNKS.give(buffer);
                }
                if (error != null) {
                    s.error = error;
                }
                if (exhausted || error != null || s.cancelled) {
                    s.exhausted = true;
                    OutputQueue.closeQuietly(in);
                    s.in = null;
                }
                if (!s.exhausted && sendDirect(s)) {
                    // Sent whole: read the next chunk on this thread, into the buffer just freed.
                    buffer = s.spare != null ? s.spare : CHUNKS.take();
                    s.spare = null;
                    s.filling = true;
                    continue;
                }
                if (s.exhausted && error == null && !s.cancelled) {
                    sendDirect(s); // the last chunk, if the socket takes it; the selector then moves on
                }
            }
            postFlush();
            return;
        }
    }

    /**
     * Sends the stream's ready chunk from the calling worker if the selector has nothing to do for it:
     * plaintext, the stream at the head of the queue, no chunk half-sent, the socket not known to be
     * full. Returns whether the chunk went out whole. Lock held.
     */
    private boolean sendDirect(OutputQueue.Stream s) {
        if (closed || engine != null || secure || compressing || wantWrite || s.ready == null || out.peek() != s
                || (s.current != null && s.current.hasRemaining())) {
            return false;
        }
        if (s.current != null) {
            if (s.spare == null) {
                s.current.clear();
                s.spare = s.current;
            } else {
                CHUNKS.give(s.current);
            }
        }
        s.current = s.ready;
        s.ready = null;
        try {
            long now = server.now(); // before the write: the client may react at once
            int n = channel.write(s.current);
            traffic(false, n);
            sent(s.current, n, now);
        } catch (IOException e) {
            return false; // the selector's next write meets the same failure and closes the connection
        }
        return !s.current.hasRemaining();
    }

    private void updateInterest() {
        SelectionKey k = key;
        if (k == null || !k.isValid()) {
            return;
        }
        int ops = 0;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!readSuspended && !inputEof) {
                ops |= SelectionKey.OP_READ;
            }
            if (wantWrite) {
                ops |= SelectionKey.OP_WRITE;
            }
        }
        if (k.interestOps() != ops) {
            k.interestOps(ops);
        }
    }

    // ------------------------------------------------------------------ TLS (selector)

    private void beginTls() throws SSLException {
        SSLEngine e = listener.config.tls().createSSLEngine(remote.getHostString(), remote.getPort());
        e.setUseClientMode(false);
        e.beginHandshake();
        engine = e;
        secure = true;
        handshakeComplete = false;
        synchronized (this) {
            discardInput = false;
            inbound = null;
        }
        log(TranscriptEntry.Kind.NOTE, "TLS handshake");
    }

    /**
     * The handshake's expensive steps (key exchange, signatures) run on a worker, not on the selector
     * thread, so a burst of TLS handshakes does not stall every other connection's I/O. The engine is left
     * alone until they are done.
     */
    private void runDelegatedTasks() {
        if (tlsTaskRunning) {
            return;
        }
        java.util.List<Runnable> tasks = new java.util.ArrayList<>(2);
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            tasks.add(task);
        }
        tlsTaskRunning = true;
        server.workers().execute(() -> {
            try {
                for (Runnable t : tasks) {
                    t.run();
                }
            } finally {
                server.post(() -> {
                    tlsTaskRunning = false;
                    pump();
                });
            }
        });
    }

    /** Caller holds the lock. */
    private void pumpTls() throws IOException {
        if (tlsTaskRunning) {
            return;
        }
        wantWrite = false;
        for (int guard = 0; guard < 10_000; guard++) {
            if (netOut != null && netOut.hasRemaining()) {
                long now = server.now();
                int n = channel.write(netOut);
                if (n > 0) {
                    lastActivity = now;
                    traffic(false, n);
                }
                if (netOut.hasRemaining()) {
                    wantWrite = true;
                    // Still unwrap what arrived, so a reading peer is not stalled by a full send buffer.
                    if (!unwrapSome()) {
                        return;
                    }
                    continue;
                }
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                return;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
                continue;
            }
            if (!handshakeComplete && hs == HandshakeStatus.NOT_HANDSHAKING) {
                // FINISHED is reported only in one wrap/unwrap result; when a delegated task completed the
                // handshake, this is how we learn it.
                handshakeFinished();
            }
            if (handshakeComplete && hs == HandshakeStatus.NOT_HANDSHAKING) {
                ByteBuffer app = nextWireOutput();
                if (pendingClose != null) {
                    return;
                }
                if (app != null) {
                    int before = app.remaining();
                    wrap(app);
                    sent(app, before - app.remaining(), lastActivity);
                    continue;
                }
            }
            if (!unwrapSome()) {
                return;
            }
        }
    }

    /**
     * Wraps {@code src} into {@code netOut} (which is empty): up to four TLS records at once when streaming,
     * so a large body costs one system call per 64 KiB, not per record. The buffer is kept while output
     * flows and dropped when the connection goes idle.
     */
    private void wrap(ByteBuffer src) throws SSLException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer dst;
        if (netOut != null && netOut.capacity() >= packet) {
            dst = netOut;
            dst.clear();
        } else {
            dst = ByteBuffer.allocate(src.remaining() > packet ? 4 * packet : packet);
        }
        boolean closedByPeer = false;
        for (int attempt = 0; attempt < 64; attempt++) {
            SSLEngineResult r = engine.wrap(src, dst);
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                handshakeFinished();
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                closedByPeer = true;
                break;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (dst.position() == 0) {
                    packet = engine.getSession().getPacketBufferSize(); // the session's records grew
                    dst = ByteBuffer.allocate(Math.max(packet, 2 * dst.capacity()));
                    continue;
                }
                break;
            }
            if (!src.hasRemaining() || dst.remaining() < packet
                    || r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                break;
            }
        }
        dst.flip();
        netOut = dst;
        if (closedByPeer && !dst.hasRemaining()) {
            pendingClose = CloseReason.CLIENT_CLOSED;
        }
    }

    /** Unwraps one record if possible; returns whether anything happened. Caller holds the lock. */
    private boolean unwrapSome() throws SSLException {
        if (netIn == null || netIn.position() == 0) {
            return false;
        }
        if (handshakeComplete && inputRoom() <= 0) {
            readSuspended = true;
            return false;
        }
        ByteBuffer app = server.appBuffer(engine.getSession().getApplicationBufferSize());
        app.clear();
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, app);
        } finally {
            netIn.compact();
        }
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                int need = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < need) {
                    ByteBuffer grown = ByteBuffer.allocate(need);
                    netIn.flip();
                    grown.put(netIn);
                    netIn = grown;
                }
                return false;
            }
            case BUFFER_OVERFLOW -> {
                server.appBuffer(engine.getSession().getApplicationBufferSize() * 2);
                return true;
            }
            case CLOSED -> {
                // close_notify from the client: it is done.
                pendingClose = CloseReason.CLIENT_CLOSED;
                return false;
            }
            case OK -> {
                // handled below
            }
        }
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeFinished();
        }
        if (netIn.position() == 0) {
            netIn = null;
        }
        if (r.bytesProduced() > 0) {
            app.flip();
            appendInboundLocked(app);
        }
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
    }

    /** As {@link #appendInbound} for callers that hold the lock. */
    private void appendInboundLocked(ByteBuffer data) {
        if (discardInput || closed || closeRequested) {
            return;
        }
        inbound = append(inbound, data);
        if (inbound.remaining() >= server.configInternal().inputBufferLimit()) {
            readSuspended = true;
        }
        if (!inputScheduled && !pausedForOutput) {
            inputScheduled = true;
            serial.execute(this::runInput);
        }
    }

    private void handshakeFinished() {
        if (!handshakeComplete) {
            handshakeComplete = true;
            SSLSession s = engine.getSession();
            log(TranscriptEntry.Kind.NOTE, "TLS established: " + s.getProtocol() + " " + s.getCipherSuite());
        }
    }

    // ------------------------------------------------------------------ transcript

    private void traffic(boolean fromClient, long n) {
        if (transcript != null && n > 0) {
            transcript.bytes(id, fromClient, n);
        }
    }

    private void log(TranscriptEntry.Kind kind, String text) {
        if (transcript != null) {
            transcript.entry(new TranscriptEntry(server.instant(), id, kind, text));
        }
    }

    private void logClient(byte[] line) {
        if (transcript == null) {
            return;
        }
        String text;
        if (maskNext) {
            maskNext = false;
            text = "***";
        } else {
            try {
                text = masker.apply(new String(line, StandardCharsets.UTF_8));
            } catch (RuntimeException | Error e) {
                text = "*** (masking failed: " + e.getClass().getSimpleName() + ")"; // never the line itself
            }
        }
        log(TranscriptEntry.Kind.CLIENT, text);
    }

    private void logServer(byte[] bytes, int offset, int length) {
        if (transcript == null) {
            return;
        }
        String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
        int start = 0;
        while (start < s.length()) {
            int lf = s.indexOf('\n', start);
            int end = lf < 0 ? s.length() : lf;
            int textEnd = end > start && s.charAt(end - 1) == '\r' ? end - 1 : end;
            log(TranscriptEntry.Kind.SERVER, s.substring(start, textEnd));
            start = lf < 0 ? s.length() : lf + 1;
        }
    }
}
