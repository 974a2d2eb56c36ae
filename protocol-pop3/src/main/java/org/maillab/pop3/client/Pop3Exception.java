package org.maillab.pop3.client;

import java.io.IOException;
import org.maillab.pop3.codec.StatusLine;

/** The server answered {@code -ERR} (or something that is not POP3) where the client needed {@code +OK}. */
public class Pop3Exception extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient StatusLine status;

    public Pop3Exception(String command, StatusLine status) {
        super(command + " failed: " + status.kind() + status.code().map(c -> " [" + c.wire() + "]").orElse("")
                + " " + status.text());
        this.status = status;
    }

    /** The server's status line. */
    public StatusLine status() {
        return status;
    }
}
