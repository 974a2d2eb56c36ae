package org.maillab.simulator.world;

import java.io.InputStream;

/**
 * Produces a planned message's bytes (RFC 5322 + MIME, CRLF line ends) as a stream, so that a 10 MB
 * attachment is never held in memory. The same message gives the same bytes every time.
 */
public interface MessageSource {

    InputStream open(GeneratedMessage message);

    /** Messages written with the {@code mime} module's writer, attachments streamed. */
    static MessageSource standard() {
        return new MimeMessageSource();
    }
}
