package org.maillab.pop3.session;

import java.util.OptionalInt;

/**
 * What a POP3 session needs to know about its server's policy.
 *
 * @param tlsAvailable      the server can upgrade this connection with STLS (RFC 2595 §4)
 * @param requireTls        USER/PASS and AUTH PLAIN are refused until TLS is active (RFC 2595 §2.2)
 * @param lastCommand       answer LAST (RFC 1225), protocol history; off unless asked for
 * @param implementation    the IMPLEMENTATION capability's text (RFC 2449 §6.9)
 * @param expireDays        the EXPIRE capability (RFC 2449 §6.7): empty means NEVER
 * @param loginDelaySeconds the LOGIN-DELAY capability (RFC 2449 §6.5); 0 means none is enforced
 * @param maxAuthFailures   failed logins after which the server ends the session (RFC 1939 §13)
 */
public record SessionSettings(boolean tlsAvailable, boolean requireTls, boolean lastCommand,
        String implementation, OptionalInt expireDays, int loginDelaySeconds, int maxAuthFailures) {

    /** A lab server's defaults: plaintext allowed, no TLS yet, no LAST, mail kept forever. */
    public static final SessionSettings DEFAULTS =
            new SessionSettings(false, false, false, "MailLab", OptionalInt.empty(), 0, 3);

    public SessionSettings {
        if (maxAuthFailures < 1) {
            throw new IllegalArgumentException("maxAuthFailures must be at least 1");
        }
        if (loginDelaySeconds < 0) {
            throw new IllegalArgumentException("loginDelaySeconds must not be negative");
        }
    }

    public SessionSettings withTlsAvailable(boolean value) {
        return new SessionSettings(value, requireTls, lastCommand, implementation, expireDays, loginDelaySeconds,
                maxAuthFailures);
    }

    public SessionSettings withRequireTls(boolean value) {
        return new SessionSettings(tlsAvailable, value, lastCommand, implementation, expireDays, loginDelaySeconds,
                maxAuthFailures);
    }

    public SessionSettings withLastCommand(boolean value) {
        return new SessionSettings(tlsAvailable, requireTls, value, implementation, expireDays, loginDelaySeconds,
                maxAuthFailures);
    }

    public SessionSettings withMaxAuthFailures(int value) {
        return new SessionSettings(tlsAvailable, requireTls, lastCommand, implementation, expireDays, loginDelaySeconds,
                value);
    }
}
