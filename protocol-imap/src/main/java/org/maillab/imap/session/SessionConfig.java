package org.maillab.imap.session;

import java.util.Set;

/**
 * What a session needs to know about its server.
 *
 * @param serverName   shown in the greeting and ID
 * @param tlsAvailable the server can STARTTLS (it has a certificate)
 * @param requireTls   no LOGIN or AUTHENTICATE before TLS (LOGINDISABLED, RFC 9051 §6.2.3)
 * @param appendLimit  the largest message APPEND accepts (RFC 7889 APPENDLIMIT)
 * @param maxBadCommands consecutive BAD responses before the server says BYE
 * @param adminAccounts accounts allowed to change quotas with SETQUOTA (RFC 9208 §4.1.3), by login name
 */
public record SessionConfig(String serverName, boolean tlsAvailable, boolean requireTls, long appendLimit,
        int maxBadCommands, Set<String> adminAccounts) {

    public SessionConfig {
        adminAccounts = Set.copyOf(adminAccounts);
    }

    /** A configuration without administrators. */
    public SessionConfig(String serverName, boolean tlsAvailable, boolean requireTls, long appendLimit,
            int maxBadCommands) {
        this(serverName, tlsAvailable, requireTls, appendLimit, maxBadCommands, Set.of());
    }

    public static SessionConfig defaults() {
        return new SessionConfig("MailLab", false, false, 50L * 1024 * 1024, 20);
    }

    public SessionConfig withTls(boolean available, boolean required) {
        return new SessionConfig(serverName, available, required, appendLimit, maxBadCommands, adminAccounts);
    }

    /** The same configuration with these administrator accounts. */
    public SessionConfig withAdminAccounts(Set<String> admins) {
        return new SessionConfig(serverName, tlsAvailable, requireTls, appendLimit, maxBadCommands, admins);
    }
}
