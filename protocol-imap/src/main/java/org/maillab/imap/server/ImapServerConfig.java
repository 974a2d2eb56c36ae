package org.maillab.imap.server;

import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.transport.spool.SpoolBudget;
import org.maillab.transport.transcript.TranscriptSink;

/**
 * How to run the IMAP server.
 *
 * @param host        address to bind (127.0.0.1 for a lab)
 * @param port        plain IMAP port with STARTTLS (1143 by default; 0 picks a free port; -1 means none)
 * @param imapsPort   implicit-TLS port (1993 by default; 0 picks a free port; -1 means none)
 * @param tls         certificate for STARTTLS and IMAPS; null for none
 * @param requireTls  LOGINDISABLED until STARTTLS (RFC 9051 §6.2.3)
 * @param limits      line and literal caps; {@code maxAppendSize} is the advertised APPENDLIMIT
 * @param idleTimeout autologout after silence; at least 30 minutes (RFC 9051 §5.4)
 * @param transcript  where wire transcripts go, or null
 * @param adminAccounts accounts that may set quotas with SETQUOTA (RFC 9208 §4.1.3); none by default
 * @param authTimeout time from connect to log in, whatever the client sends meanwhile ({@code ZERO}: none)
 * @param maxConnections connections open at once per listener
 * @param maxConnectionsPerAddress connections open at once from one client address, per listener
 * @param spoolPerConnection bytes of large literals one connection may have spooled to disk at once
 * @param spoolTotal  bytes of large literals spooled at once over all connections
 */
public record ImapServerConfig(String host, int port, int imapsPort, SSLContext tls, boolean requireTls,
        FramerLimits limits, Duration idleTimeout, TranscriptSink transcript, Set<String> adminAccounts,
        Duration authTimeout, int maxConnections, int maxConnectionsPerAddress, long spoolPerConnection,
        long spoolTotal) {

    /** The time to log in, by default: one minute, as Dovecot's {@code login_timeout}. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(60);
    /** Connections per listener, and per client address, by default (a library default; serve sets its own). */
    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;

    /** RFC 9051 §5.4: an autologout timer must be at least 30 minutes. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(30);

    public ImapServerConfig {
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("IMAP idle timeout must be at least 30 minutes (RFC 9051 §5.4)");
        }
        adminAccounts = Set.copyOf(adminAccounts);
        if (authTimeout.isNegative() || maxConnections < 1 || maxConnectionsPerAddress < 1 || spoolPerConnection < 0
                || spoolTotal < 0) {
            throw new IllegalArgumentException("unusable IMAP limits");
        }
    }

    /** A configuration without administrator accounts. */
    public ImapServerConfig(String host, int port, int imapsPort, SSLContext tls, boolean requireTls,
            FramerLimits limits, Duration idleTimeout, TranscriptSink transcript) {
        this(host, port, imapsPort, tls, requireTls, limits, idleTimeout, transcript, Set.of(), DEFAULT_AUTH_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, SpoolBudget.DEFAULT_PER_CONNECTION,
                SpoolBudget.DEFAULT_TOTAL);
    }

    /** Loopback, port 1143, no TLS, default limits, 30 minutes. */
    public static ImapServerConfig defaults() {
        return new ImapServerConfig("127.0.0.1", 1143, -1, null, false, FramerLimits.defaults(), MIN_IDLE_TIMEOUT,
                null);
    }

    public ImapServerConfig withPorts(int port, int imapsPort) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, limits, idleTimeout, transcript,
                adminAccounts, authTimeout, maxConnections, maxConnectionsPerAddress,
                spoolPerConnection, spoolTotal);
    }

    public ImapServerConfig withTls(SSLContext context, boolean required) {
        return new ImapServerConfig(host, port, imapsPort, context, required, limits, idleTimeout, transcript,
                adminAccounts, authTimeout, maxConnections, maxConnectionsPerAddress,
                spoolPerConnection, spoolTotal);
    }

    public ImapServerConfig withLimits(FramerLimits newLimits) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, newLimits, idleTimeout, transcript,
                adminAccounts, authTimeout, maxConnections, maxConnectionsPerAddress,
                spoolPerConnection, spoolTotal);
    }

    public ImapServerConfig withTranscript(TranscriptSink sink) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, limits, idleTimeout, sink,
                adminAccounts, authTimeout, maxConnections, maxConnectionsPerAddress,
                spoolPerConnection, spoolTotal);
    }

    /** The same configuration where these accounts may set quotas (SETQUOTA, QUOTASET). */
    public ImapServerConfig withAdminAccounts(Set<String> admins) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, limits, idleTimeout, transcript,
                admins, authTimeout, maxConnections, maxConnectionsPerAddress,
                spoolPerConnection, spoolTotal);
    }

    /** The time from connect to log in ({@code ZERO}: no limit). */
    public ImapServerConfig withAuthTimeout(Duration timeout) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, limits, idleTimeout, transcript,
                adminAccounts, timeout, maxConnections, maxConnectionsPerAddress, spoolPerConnection,
                spoolTotal);
    }

    /** Connections open at once per listener, and from one client address per listener. */
    public ImapServerConfig withConnectionLimits(int total, int perAddress) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, limits, idleTimeout, transcript,
                adminAccounts, authTimeout, total, perAddress, spoolPerConnection, spoolTotal);
    }

    /** Bytes of large literals spooled to disk at once: per connection and over the server. */
    public ImapServerConfig withSpoolLimits(long perConnection, long total) {
        return new ImapServerConfig(host, port, imapsPort, tls, requireTls, limits, idleTimeout, transcript,
                adminAccounts, authTimeout, maxConnections, maxConnectionsPerAddress, perConnection, total);
    }
}
