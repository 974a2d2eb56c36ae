package org.maillab.imap.server;

import java.nio.ByteBuffer;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.imap.session.ImapConnection;
import org.maillab.imap.session.ImapSession;
import org.maillab.imap.session.SessionConfig;
import org.maillab.imap.session.SessionOutput;
import org.maillab.transport.CloseReason;
import org.maillab.transport.Connection;
import org.maillab.transport.ProtocolHandler;
import org.maillab.transport.wire.CredentialMask;

/**
 * Binds one {@link ImapConnection} to one transport connection. The transport splits lines; the line
 * (with its CRLF put back) and literal chunks go through the codec's framer again, which keeps its
 * limits, spooling and continuation logic in one place. Output literals are streamed from the store; a
 * FETCH is answered message by message as the socket drains ({@link ReplyWriter}), each message's
 * octets opened when its response is made, so another session's EXPUNGE cannot cut a reply short.
 */
final class ImapHandler implements ProtocolHandler {

    private static final byte[] CRLF = {'\r', '\n'};
    /** Hides LOGIN's password and AUTHENTICATE's initial response in transcripts, across literals too. */
    private final CredentialMask mask = CredentialMask.imap();

    private final ImapServer server;
    private final ImapConnection imap;
    private ReplyWriter output;

    ImapHandler(ImapServer server) {
        this.server = server;
        SessionConfig config = new SessionConfig("MailLab", server.config().tls() != null,
                server.config().requireTls(), server.config().limits().maxAppendSize(), 20,
                server.config().adminAccounts());
        ImapSession session = new ImapSession(server.store(), config, server.structures());
        session.answerIncrementally(); // FETCH bodies opened message by message, as the socket drains
        this.imap = new ImapConnection(session, new Framer(Framer.Role.SERVER, server.config().limits(),
                LiteralSpooler.inDirectory(server.spool())));
    }

    @Override
    public void onConnect(Connection c) {
        output = new ReplyWriter(c, () -> {
            if (imap.answering() && output.hasRoom()) {
                act(c, imap.continueAnswer());
            }
        });
        if (c.isSecure()) {
            imap.session().tlsStarted();
        }
        imap.session().compressionAvailable();
        c.setClientLineMasker(mask::line);
        c.transcriptState("NOT_AUTHENTICATED");
        imap.session().setUpdateNotifier(() -> c.execute(() -> output.write(imap.pendingUpdates())));
        output.write(imap.greeting());
    }

    @Override
    public void onLine(Connection c, byte[] line) {
        ByteBuffer in = ByteBuffer.allocate(line.length + 2);
        in.put(line).put(CRLF).flip();
        feed(c, in, true);
    }

    @Override
    public void onLineTooLong(Connection c, long length) {
        act(c, imap.lineTooLong());
    }

    @Override
    public void onLiteralChunk(Connection c, ByteBuffer chunk) {
        feed(c, chunk, false);
    }

    @Override
    public void onLiteralEnd(Connection c, long size) {
        // The rest of the command arrives as the next line.
    }

    @Override
    public void onIdleTimeout(Connection c) {
        c.writeLine("* BYE Autologout; idle for too long");
        c.close();
    }

    @Override
    public void onShutdown(Connection c) {
        c.writeLine("* BYE Server shutting down");
        c.close();
    }

    @Override
    public String failureGoodbye() {
        return "* BYE [SERVERBUG] Internal server error; please reconnect"; // RFC 5530 §3
    }

    @Override
    public void onClose(Connection c, CloseReason reason) {
        try {
            if (output != null) {
                output.close();
            }
            imap.disconnected();
        } finally {
            server.sessionEnded();
        }
    }

    private void feed(Connection c, ByteBuffer bytes, boolean line) {
        ImapConnection.Result result = imap.onBytes(bytes);
        if (line) {
            // The framer knows whether the next line still belongs to this command (after a literal).
            mask.commandContinues(imap.midCommand());
        }
        act(c, result);
        long literal = imap.literalRemaining();
        // After a line announcing a literal the framer waits for its octets (to keep or to skip):
        // ask the transport for exactly those, as octets rather than lines.
        if (line && result.action() == SessionOutput.Action.CONTINUE && literal > 0) {
            c.expectLiteral(literal);
        }
    }

    /** Sends a result, and continues an answer produced message by message while the writer has room. */
    private void act(Connection c, ImapConnection.Result result) {
        ImapConnection.Result r = result;
        while (true) {
            output.write(r.output());
            c.transcriptState(imap.session().state().name());
            if (imap.session().awaitingSaslResponse()) {
                // set now, before the transport reads (and logs) the line: it carries the password
                c.maskNextClientLine();
            }
            switch (r.action()) {
                case CONTINUE -> { }
                case START_TLS -> {
                    c.startTls();
                    imap.session().tlsStarted();
                }
                case CLOSE -> c.close();
                case START_COMPRESSION -> c.startCompression(); // after the tagged OK written above
            }
            if (r.action() != SessionOutput.Action.CONTINUE || !imap.answering() || !output.hasRoom()) {
                return;
            }
            r = imap.continueAnswer();
        }
    }
}
