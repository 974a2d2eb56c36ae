package org.maillab.imap.codec;

import java.util.List;
import java.util.Optional;

/** A response code in brackets (RFC 9051 §7.1, RFC 4315 §3, RFC 5530 §3, RFC 5182, RFC 4469). */
public sealed interface ResponseCode {

    /** A code without data: ALERT, READ-ONLY, TRYCREATE, NONEXISTENT, ... */
    record Atom(String name) implements ResponseCode {
        public Atom {
            if (!Syntax.isAtom(name)) {
                throw new IllegalArgumentException("not an atom: " + name);
            }
        }
    }

    record Capability(List<String> capabilities) implements ResponseCode {
        public Capability {
            capabilities = List.copyOf(capabilities);
        }
    }

    record PermanentFlags(List<String> flags) implements ResponseCode {
        public PermanentFlags {
            flags = List.copyOf(flags);
        }
    }

    /** BADCHARSET with the charsets the server supports (RFC 9051 §7.1). */
    record BadCharset(List<String> charsets) implements ResponseCode {
        public BadCharset {
            charsets = List.copyOf(charsets);
        }
    }

    /** A code with one number: UIDNEXT, UIDVALIDITY, UNSEEN (RFC 3501), HIGHESTMODSEQ. */
    record Number(String name, long value) implements ResponseCode {
    }

    /** APPENDUID validity uids (RFC 4315 §3). */
    record AppendUid(long uidValidity, SequenceSet uids) implements ResponseCode {
    }

    /** COPYUID validity source-uids target-uids (RFC 4315 §3). */
    record CopyUid(long uidValidity, SequenceSet sourceUids, SequenceSet targetUids) implements ResponseCode {
    }

    /** MODIFIED with the messages a STORE UNCHANGEDSINCE left alone (RFC 7162 §3.1.3). */
    record Modified(SequenceSet set) implements ResponseCode {
    }

    /** Any other code: its name and the text up to {@code ]}, if any. */
    record Other(String name, Optional<String> text) implements ResponseCode {
    }

    ResponseCode ALERT = new Atom("ALERT");
    ResponseCode READ_ONLY = new Atom("READ-ONLY");
    ResponseCode READ_WRITE = new Atom("READ-WRITE");
    ResponseCode TRYCREATE = new Atom("TRYCREATE");
    ResponseCode CLOSED = new Atom("CLOSED");
    ResponseCode PARSE = new Atom("PARSE");
    ResponseCode TOOBIG = new Atom("TOOBIG");
    ResponseCode NOTSAVED = new Atom("NOTSAVED");
    ResponseCode UIDNOTSTICKY = new Atom("UIDNOTSTICKY");
    // RFC 5530
    ResponseCode UNAVAILABLE = new Atom("UNAVAILABLE");
    ResponseCode AUTHENTICATIONFAILED = new Atom("AUTHENTICATIONFAILED");
    ResponseCode AUTHORIZATIONFAILED = new Atom("AUTHORIZATIONFAILED");
    ResponseCode EXPIRED = new Atom("EXPIRED");
    ResponseCode PRIVACYREQUIRED = new Atom("PRIVACYREQUIRED");
    ResponseCode CONTACTADMIN = new Atom("CONTACTADMIN");
    ResponseCode NOPERM = new Atom("NOPERM");
    ResponseCode INUSE = new Atom("INUSE");
    ResponseCode EXPUNGEISSUED = new Atom("EXPUNGEISSUED");
    ResponseCode CORRUPTION = new Atom("CORRUPTION");
    ResponseCode SERVERBUG = new Atom("SERVERBUG");
    ResponseCode CLIENTBUG = new Atom("CLIENTBUG");
    ResponseCode CANNOT = new Atom("CANNOT");
    ResponseCode LIMIT = new Atom("LIMIT");
    ResponseCode OVERQUOTA = new Atom("OVERQUOTA");
    ResponseCode ALREADYEXISTS = new Atom("ALREADYEXISTS");
    ResponseCode NONEXISTENT = new Atom("NONEXISTENT");
    // RFC 7162
    ResponseCode NOMODSEQ = new Atom("NOMODSEQ");
    // RFC 4978
    ResponseCode COMPRESSIONACTIVE = new Atom("COMPRESSIONACTIVE");
}
