package org.maillab.cli;

import java.time.Duration;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.transport.LoginThrottle;
import org.maillab.transport.spool.SpoolBudget;
import org.maillab.transport.wire.WireNumber;

/**
 * The limits {@code maillab serve} enforces, each with an option and a default (docs/serve.md,
 * docs/security.md "Limits").
 *
 * @param maxConnections           connections open at once over every listener
 * @param maxConnectionsPerAddress connections open at once from one client address, per listener
 * @param authTimeout              time from connect to log in; {@code ZERO} for none
 * @param loginDelay               the wait before answering a first failed login; {@code ZERO} for none
 * @param maxLoginDelay            the longest such wait
 * @param loginFailures            failed logins after which a connection is closed
 * @param maxLine                  the longest IMAP command line, in octets
 * @param maxLiteral               the largest IMAP literal outside APPEND
 * @param maxMessage               the largest message APPEND takes (IMAP's APPENDLIMIT)
 * @param spoolPerConnection       octets of large literals one connection may have on disk at once
 * @param spoolTotal               octets of large literals on disk at once, over all connections
 */
record ServeLimits(int maxConnections, int maxConnectionsPerAddress, Duration authTimeout, Duration loginDelay,
        Duration maxLoginDelay, int loginFailures, int maxLine, long maxLiteral, long maxMessage,
        long spoolPerConnection, long spoolTotal) {

    /** Connections open at once over every listener. */
    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Connections from one address per listener, as Dovecot's {@code mail_max_userip_connections}. */
    static final int DEFAULT_PER_ADDRESS = 10;

    ServeLimits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || loginFailures < 1 || maxLine < 64 || maxLiteral < 0
                || maxMessage < 0 || spoolPerConnection < 0 || spoolTotal < 0) {
            throw new IllegalArgumentException("a limit is out of range");
        }
        if (maxLoginDelay.compareTo(loginDelay) < 0) {
            maxLoginDelay = loginDelay;
        }
    }

    static ServeLimits defaults() {
        FramerLimits framer = FramerLimits.defaults();
        LoginThrottle.Policy login = LoginThrottle.Policy.defaults();
        return new ServeLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_PER_ADDRESS, Duration.ofSeconds(60),
                login.firstDelay(), login.maxDelay(), login.failuresPerConnection(), framer.maxLineLength(),
                framer.maxLiteralSize(), framer.maxAppendSize(), SpoolBudget.DEFAULT_PER_CONNECTION,
                SpoolBudget.DEFAULT_TOTAL);
    }

    LoginThrottle.Policy loginPolicy() {
        return new LoginThrottle.Policy(loginDelay, maxLoginDelay, loginFailures,
                LoginThrottle.Policy.defaults().memory());
    }

    FramerLimits framerLimits() {
        FramerLimits d = FramerLimits.defaults();
        return new FramerLimits(maxLine, maxLiteral, maxMessage, d.inMemoryThreshold(), d.literalMinus(),
                d.maxDiscard(), d.maxLiterals());
    }

    /**
     * A size: digits with an optional binary suffix {@code K}, {@code M} or {@code G} ({@code 50M} is
     * 52,428,800 octets).
     */
    static long size(String text, String option) {
        String t = text.trim();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
                case 'K' -> unit = 1024L;
                case 'M' -> unit = 1024L * 1024;
                case 'G' -> unit = 1024L * 1024 * 1024;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        long n = count(digits, option, Long.MAX_VALUE / unit);
        return n * unit;
    }

    /** A whole number from 0 to {@code max} (checked before any arithmetic: {@link WireNumber}). */
    static long count(String text, String option, long max) {
        long n = WireNumber.parse(text, max);
        if (n == WireNumber.INVALID) {
            throw new IllegalArgumentException(option + " wants a number from 0 to " + max + ", got '" + text + "'");
        }
        return n;
    }
}
