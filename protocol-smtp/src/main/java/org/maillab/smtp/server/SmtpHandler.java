package org.maillab.smtp.server;

import java.nio.ByteBuffer;
import java.util.List;
import org.maillab.smtp.codec.SmtpReply;
import org.maillab.smtp.session.SmtpSession;
import org.maillab.smtp.session.Step;
import org.maillab.smtp.session.Transition;
import org.maillab.transport.CloseReason;
import org.maillab.transport.Connection;
import org.maillab.transport.ProtocolHandler;
import org.maillab.transport.wire.CredentialMask;

/**
 * Binds one {@link SmtpSession} to one transport {@link Connection}: lines (with their terminators,
 * which DATA needs) and BDAT chunks in, replies out, the state table's transitions into the transcript.
 */
final class SmtpHandler implements ProtocolHandler {

    private final SmtpSession session;

    SmtpHandler(SmtpSession session) {
        this.session = session;
    }

    @Override
    public void onConnect(Connection c) {
        // the rule every transcript follows: AUTH PLAIN <initial response> -> AUTH PLAIN ***; the SASL
        // responses after 334 are hidden whole (onLine)
        c.setClientLineMasker(CredentialMask.smtp()::line);
        c.transcriptState(session.state().name());
        c.write(session.greeting().toWire());
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
    public void onLiteralChunk(Connection c, ByteBuffer chunk) {
        session.chunk(chunk);
    }

    @Override
    public void onLiteralEnd(Connection c, long size) {
        respond(c, session.chunkEnd());
    }

    @Override
    public void onIdleTimeout(Connection c) {
        // RFC 5321 §4.5.3.2.7 timeout; §3.8: 421 before closing
        c.write(SmtpReply.of(421, "4.4.2", "Timeout, closing connection").toWire());
        c.close();
    }

    @Override
    public void onShutdown(Connection c) {
        c.write(SmtpReply.of(421, "4.3.2", "Service shutting down, closing connection").toWire());
        c.close();
    }

    @Override
    public void onClose(Connection c, CloseReason reason) {
        transcribe(c, session.connectionLost());
    }

    private void respond(Connection c, Step step) {
        for (SmtpReply reply : step.replies()) {
            c.write(reply.toWire());
        }
        transcribe(c, step.transitions());
        if (session.awaitingSaslResponse()) {
            c.maskNextClientLine(); // the SASL response carries the user name or the password
        }
        switch (step.after()) {
            case CONTINUE -> { }
            case START_TLS -> {
                c.startTls(); // RFC 3207 §6: plaintext pipelined after STARTTLS is dropped by the transport
                session.tlsStarted();
            }
            case CLOSE -> c.close();
            case READ_CHUNK -> c.expectLiteral(step.chunkSize());
            case SKIP_CHUNK -> c.discardLiteral(step.chunkSize());
        }
    }

    private static void transcribe(Connection c, List<Transition> transitions) {
        for (Transition t : transitions) {
            if (t.from() != t.to()) {
                c.transcriptState(t.to().name());
            }
        }
    }
}
