package org.maillab.smtp.client;

import java.io.IOException;
import org.maillab.smtp.codec.SmtpReply;

/** The server refused a command that {@link SmtpClient} expected to succeed; {@link #reply()} says how. */
public final class SmtpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    public SmtpException(String command, SmtpReply reply) {
        super(command + " refused: " + reply);
        this.reply = reply;
    }

    /** The server's reply. */
    public SmtpReply reply() {
        return reply;
    }
}
