package org.maillab.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.maillab.pop3.codec.DotStuffingInputStream;
import org.maillab.pop3.codec.Response;
import org.maillab.pop3.session.Pop3Session;
import org.maillab.pop3.session.Reply;
import org.maillab.pop3.session.Transition;
import org.maillab.transport.CloseReason;
import org.maillab.transport.Connection;
import org.maillab.transport.ProtocolHandler;
import org.maillab.transport.wire.CredentialMask;

/**
 * Binds one {@link Pop3Session} to one transport {@link Connection}: lines in, replies out, the state
 * table's transitions into the transcript, and the connection's end into the session (which releases
 * the maildrop lock without UPDATE).
 */
final class Pop3Handler implements ProtocolHandler {

    private final Pop3Session session;

    Pop3Handler(Pop3Session session) {
        this.session = session;
    }

    @Override
    public void onConnect(Connection c) {
        // PASS secret -> PASS ***; APOP alice *** ; AUTH PLAIN <initial response> -> AUTH PLAIN ***
        c.setClientLineMasker(CredentialMask.pop3()::line);
        c.transcriptState(session.state().name());
        send(c, session.greeting());
    }

    @Override
    public void onLine(Connection c, byte[] line) {
        respond(c, session.handleLine(line));
    }

    @Override
    public void onLineTooLong(Connection c, long length) {
        respond(c, session.lineTooLong());
    }

    @Override
    public void onIdleTimeout(Connection c) {
        // RFC 1939 §3: the autologout timer ends the session without entering UPDATE.
        c.writeLine("-ERR autologout timer expired, nothing deleted");
        c.close();
    }

    @Override
    public void onShutdown(Connection c) {
        c.writeLine("-ERR [SYS/TEMP] server shutting down, nothing deleted");
        c.close();
    }

    @Override
    public String failureGoodbye() {
        return "-ERR [SYS/TEMP] internal server error, nothing deleted"; // RFC 3206 §4
    }

    @Override
    public void onClose(Connection c, CloseReason reason) {
        transcribe(c, session.connectionLost());
    }

    private void respond(Connection c, Reply reply) {
        send(c, reply.response());
        transcribe(c, reply.transitions());
        if (session.awaitingSaslResponse()) {
            c.maskNextClientLine(); // the SASL response carries the password
        }
        switch (reply.after()) {
            case CONTINUE -> { }
            case START_TLS -> {
                c.startTls();
                session.tlsStarted(); // the next line the transport hands us arrived over TLS
            }
            case CLOSE -> c.close();
        }
    }

    private static void transcribe(Connection c, List<Transition> transitions) {
        for (Transition t : transitions) {
            c.transcriptState(t.to().name());
        }
    }

    private static void send(Connection c, Response response) {
        try {
            if (response instanceof Response.MultiLine multi) {
                sendMultiLine(c, multi);
            } else {
                try (InputStream in = response.toWire()) {
                    c.write(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            // The store failed mid-reply: the transport aborts the connection, the session ends without UPDATE.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small body (most mail, every LIST/UIDL/CAPA) goes out as one write with its status line: fewer
     * hand-overs between threads, one round of system calls. A larger one is streamed from the store
     * as the socket drains, never whole in memory; the terminator is part of the stuffed stream.
     */
    private static void sendMultiLine(Connection c, Response.MultiLine multi) throws IOException {
        long size = multi.body().size();
        if (size > SMALL_BODY) {
            // Known to be large: stream it without a first look (a message file is then read once).
            streamBody(c, multi);
            return;
        }
        Scratch scratch = SCRATCH.get();
        int length;
        try (InputStream body = multi.body().open()) {
            length = body.readNBytes(scratch.body, 0, scratch.body.length);
        }
        if (length > SMALL_BODY || (size >= 0 && length != size)) {
            streamBody(c, multi); // larger than it looked, or changed under us: stream it from the start
            return;
        }
        byte[] status = multi.status().bytes();
        if (status.length > scratch.wire.length - 2 * length - 5) {
            c.write(DotStuffingInputStream.stuff(status, scratch.body, length));
            return;
        }
        c.write(scratch.wire, 0, DotStuffingInputStream.stuffInto(status, scratch.body, length, scratch.wire));
    }

    /**
     * Buffers for a small reply, one pair per worker thread: the body is read, stuffed and handed to the
     * transport (which copies it) within one callback, so reply after reply reuses them, and the only
     * allocation per message is the transport's copy.
     */
    private static final class Scratch {
        final byte[] body = new byte[SMALL_BODY + 1];
        final byte[] wire = new byte[2 * (SMALL_BODY + 1) + 5 + 512];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static void streamBody(Connection c, Response.MultiLine multi) {
        c.writeLine(multi.statusLine());
        // Opened again by the transport when it gets to it: nothing stays open if the client goes first.
        c.stream(() -> new DotStuffingInputStream(multi.body().open()));
    }

    private static final int SMALL_BODY = 64 * 1024;
}
