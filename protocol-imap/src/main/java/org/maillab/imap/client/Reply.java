package org.maillab.imap.client;

import java.util.List;
import org.maillab.imap.codec.Response;

/**
 * What a command brought back: the untagged responses that came before its completion, and the
 * tagged completion itself (OK, NO or BAD).
 */
public record Reply(List<Response> untagged, Response.Tagged done) {

    public Reply {
        untagged = List.copyOf(untagged);
    }

    public boolean ok() {
        return done.status() == Response.Status.OK;
    }

    /** The untagged responses of one type. */
    public <T extends Response> List<T> all(Class<T> type) {
        return untagged.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** This reply, or an {@link ImapException} if the server said NO or BAD. */
    public Reply orThrow() {
        if (!ok()) {
            throw new ImapException(done.tag() + " " + done.status() + " " + done.text(), done);
        }
        return this;
    }
}
