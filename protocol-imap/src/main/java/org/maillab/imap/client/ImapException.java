package org.maillab.imap.client;

import org.maillab.imap.codec.Response;

/** The server answered NO or BAD, or said something outside the grammar. */
public class ImapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response.Tagged response;

    public ImapException(String message, Response.Tagged response) {
        super(message);
        this.response = response;
    }

    /** The tagged NO/BAD, or null for a protocol error. */
    public Response.Tagged response() {
        return response;
    }
}
