package org.maillab.pop3.server;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.maillab.pop3.session.SessionSettings;

/**
 * How a MailLab POP3 server behaves. Start from {@link #defaults()} and change what you need.
 *
 * @param session                  the sessions' policy (require TLS, LAST, EXPIRE, ...); whether STLS is
 *                                 offered is decided per listener, by whether it has a TLS context
 * @param autologout               the idle time after which a session is ended without UPDATE; RFC 1939
 *                                 §3 asks for at least 10 minutes (shorter values are for tests)
 * @param maxLineLength            the longest command line accepted, without CRLF; RFC 2449 §4 allows
 *                                 clients 255 octets, we accept more so long AUTH PLAIN responses fit
 * @param maxConnections           connections open at once per listener
 * @param maxConnectionsPerAddress connections open at once from one client address, per listener
 * @param hostname                 the host part of APOP timestamps ({@code <pid.n.clock@hostname>})
 * @param apopTimestamps           where greetings' APOP timestamps come from, one call per connection;
 *                                 {@code null} for the default (process id, random salt, counter,
 *                                 clock). A fixed sequence makes byte counts reproducible (simulations,
 *                                 tests); RFC 1939 §7 wants each timestamp different, so keep them unique
 * @param authTimeout              time from connect to log in, whatever the client sends ({@code ZERO}: none)
 */
public record Pop3ServerConfig(SessionSettings session, Duration autologout, int maxLineLength,
        int maxConnections, int maxConnectionsPerAddress, String hostname, Supplier<String> apopTimestamps,
        Duration authTimeout) {

    /** The time to log in, by default: one minute, as Dovecot's {@code login_timeout}. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(60);

    /** RFC 1939 §3: "the timer MUST be of at least 10 minutes' duration". */
    public static final Duration RFC_MINIMUM_AUTOLOGOUT = Duration.ofMinutes(10);

    /** A configuration with the default APOP timestamps. */
    public Pop3ServerConfig(SessionSettings session, Duration autologout, int maxLineLength, int maxConnections,
            int maxConnectionsPerAddress, String hostname) {
        this(session, autologout, maxLineLength, maxConnections, maxConnectionsPerAddress, hostname, null,
                DEFAULT_AUTH_TIMEOUT);
    }

    public Pop3ServerConfig {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(autologout, "autologout");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(authTimeout, "authTimeout");
        if (authTimeout.isNegative()) {
            throw new IllegalArgumentException("authTimeout " + authTimeout);
        }
        if (autologout.isNegative() || autologout.isZero()) {
            throw new IllegalArgumentException("autologout must be positive");
        }
        if (maxLineLength < 253 || maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("limits too small");
        }
    }

    /** Plaintext login allowed, no LAST, 10 minutes autologout, 200 connections (50 per address). */
    public static Pop3ServerConfig defaults() {
        return new Pop3ServerConfig(SessionSettings.DEFAULTS, RFC_MINIMUM_AUTOLOGOUT, 1024, 200, 50, "maillab");
    }

    /** Refuse USER/PASS and AUTH PLAIN until STLS (or on implicit-TLS listeners only). */
    public Pop3ServerConfig withRequireTls(boolean require) {
        return new Pop3ServerConfig(session.withRequireTls(require), autologout, maxLineLength, maxConnections,
                maxConnectionsPerAddress, hostname, apopTimestamps, authTimeout);
    }

    /** Answer RFC 1225's LAST: protocol history, for old clients and for class. */
    public Pop3ServerConfig withLastCommand(boolean enabled) {
        return new Pop3ServerConfig(session.withLastCommand(enabled), autologout, maxLineLength, maxConnections,
                maxConnectionsPerAddress, hostname, apopTimestamps, authTimeout);
    }

    public Pop3ServerConfig withAutologout(Duration timeout) {
        return new Pop3ServerConfig(session, timeout, maxLineLength, maxConnections, maxConnectionsPerAddress,
                hostname, apopTimestamps, authTimeout);
    }

    public Pop3ServerConfig withMaxLineLength(int max) {
        return new Pop3ServerConfig(session, autologout, max, maxConnections, maxConnectionsPerAddress, hostname,
                apopTimestamps, authTimeout);
    }

    public Pop3ServerConfig withConnectionLimits(int total, int perAddress) {
        return new Pop3ServerConfig(session, autologout, maxLineLength, total, perAddress, hostname, apopTimestamps,
                authTimeout);
    }

    public Pop3ServerConfig withSession(SessionSettings settings) {
        return new Pop3ServerConfig(settings, autologout, maxLineLength, maxConnections, maxConnectionsPerAddress,
                hostname, apopTimestamps, authTimeout);
    }

    /**
     * Takes each greeting's APOP timestamp (RFC 1939 §7: {@code <...>}, unique per greeting) from
     * {@code timestamps}; {@code null} restores the default.
     */
    public Pop3ServerConfig withApopTimestamps(Supplier<String> timestamps) {
        return new Pop3ServerConfig(session, autologout, maxLineLength, maxConnections, maxConnectionsPerAddress,
                hostname, timestamps, authTimeout);
    }

    /** The time from connect to log in ({@code ZERO}: no limit). */
    public Pop3ServerConfig withAuthTimeout(Duration timeout) {
        return new Pop3ServerConfig(session, autologout, maxLineLength, maxConnections, maxConnectionsPerAddress,
                hostname, apopTimestamps, timeout);
    }
}
