package org.maillab.smtp.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.maillab.smtp.session.SessionSettings;

/**
 * How a MailLab SMTP or LMTP server behaves. Start from {@link #defaults()} and change what you need.
 *
 * @param session                  the sessions' policy (host name, sizes, recipients, require TLS, ...);
 *                                 LMTP and STARTTLS are set per listener
 * @param localDomains             the domains whose mail is delivered here; all others are relaying, refused
 * @param idleTimeout              RFC 5321 §4.5.3.2.7: the server waits at least 5 minutes for a command
 * @param maxLineLength            the longest line, without CRLF: RFC 4954 §4 lets an AUTH line be 12,288
 *                                 octets; DATA lines have their own limit of 1,000 (RFC 5321 §4.5.3.1.6)
 * @param maxConnections           connections open at once per listener
 * @param maxConnectionsPerAddress connections open at once from one client address, per listener
 */
public record SmtpServerConfig(SessionSettings session, Set<String> localDomains, Duration idleTimeout,
        int maxLineLength, int maxConnections, int maxConnectionsPerAddress) {

    /** RFC 5321 §4.5.3.2.7: "The server timeout SHOULD be 5 minutes". */
    public static final Duration RFC_SERVER_TIMEOUT = Duration.ofMinutes(5);

    public SmtpServerConfig {
        Objects.requireNonNull(session, "session");
        localDomains = Set.copyOf(localDomains);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLineLength < 1000 || maxConnections < 1
                || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("limits too small");
        }
    }

    /** Host "localhost", local domains localhost and maillab.test, 5 minute timeout, 200 connections (50 per address). */
    public static SmtpServerConfig defaults() {
        return new SmtpServerConfig(SessionSettings.defaults(), Set.of("localhost", "maillab.test"), RFC_SERVER_TIMEOUT,
                12288, 200, 50);
    }

    /** AUTH only after STARTTLS (RFC 3207 §4.2, RFC 4954 §4). */
    public SmtpServerConfig withRequireTls(boolean require) {
        return withSession(session.withRequireTls(require));
    }

    public SmtpServerConfig withSession(SessionSettings settings) {
        return new SmtpServerConfig(settings, localDomains, idleTimeout, maxLineLength, maxConnections,
                maxConnectionsPerAddress);
    }

    public SmtpServerConfig withLocalDomains(Set<String> domains) {
        return new SmtpServerConfig(session, domains, idleTimeout, maxLineLength, maxConnections,
                maxConnectionsPerAddress);
    }

    public SmtpServerConfig withIdleTimeout(Duration timeout) {
        return new SmtpServerConfig(session, localDomains, timeout, maxLineLength, maxConnections,
                maxConnectionsPerAddress);
    }

    public SmtpServerConfig withConnectionLimits(int total, int perAddress) {
        return new SmtpServerConfig(session, localDomains, idleTimeout, maxLineLength, total, perAddress);
    }
}
