package org.maillab.imap.session;

import java.util.List;
import java.util.Optional;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;

/**
 * COMPRESS (RFC 4978): one session's compression state and its answers. The session only decides; the
 * I/O layer switches the bytes ({@link SessionOutput.Action#START_COMPRESSION}).
 *
 * <p>Advertised in every state, as in RFC 4978 §3's example (the greeting lists COMPRESS=DEFLATE
 * beside STARTTLS), though the command itself is valid only once authenticated (§5, command-auth;
 * {@link CommandRules}).
 */
final class CompressCommand {

    static final String CAPABILITY = "COMPRESS=DEFLATE";

    private boolean available;
    private boolean active;

    void makeAvailable() {
        available = true;
    }

    void advertise(List<String> capabilities) {
        if (available) {
            capabilities.add(CAPABILITY);
        }
    }

    /**
     * RFC 4978 §3: OK and compression from right after its CRLF; BAD for an unknown mechanism. A second
     * COMPRESS gets NO [COMPRESSIONACTIVE]: §3 lists BAD for "COMPRESS already active" but also says a
     * server that refuses because the same mechanism is active already MUST send that code with NO; the
     * code lets a client tell this refusal from a syntax error (Dovecot answers the same).
     */
    SessionOutput handle(String tag, Command.Compress command) {
        if (!available) {
            return answer(tag, Response.Status.BAD, Optional.empty(), "COMPRESS is not available");
        }
        if (!command.mechanism().equals("DEFLATE")) {
            return answer(tag, Response.Status.BAD, Optional.empty(),
                    "Unknown compression mechanism " + command.mechanism() + "; DEFLATE is supported");
        }
        if (active) {
            return answer(tag, Response.Status.NO, Optional.of(ResponseCode.COMPRESSIONACTIVE),
                    "DEFLATE is active already");
        }
        active = true;
        return new SessionOutput(List.of(new Response.Tagged(tag, Response.Status.OK, Optional.empty(),
                "DEFLATE active")), SessionOutput.Action.START_COMPRESSION);
    }

    /** Whether COMPRESS succeeded on this session. */
    boolean active() {
        return active;
    }

    private static SessionOutput answer(String tag, Response.Status status, Optional<ResponseCode> code, String text) {
        return SessionOutput.of(List.of(new Response.Tagged(tag, status, code, text)));
    }
}
