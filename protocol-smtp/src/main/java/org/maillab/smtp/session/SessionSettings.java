package org.maillab.smtp.session;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The policy of one SMTP or LMTP session.
 *
 * @param hostname       the server's name, in the greeting, the EHLO reply and {@code Received:} fields
 * @param lmtp           LMTP (RFC 2033): LHLO instead of EHLO, one reply per recipient after the data
 * @param maxMessageSize the largest message accepted, in octets; advertised as SIZE (RFC 1870)
 * @param maxRecipients  recipients per transaction; RFC 5321 §4.5.3.1.8 asks for at least 100
 * @param tlsAvailable   whether STARTTLS is offered (the listener has a TLS context)
 * @param requireTls     AUTH only after STARTTLS (RFC 4954 §4, RFC 3207 §4.2)
 * @param maxAuthFailures failed AUTH attempts after which the session is closed
 * @param spoolDirectory where messages larger than {@code spoolMemory} are spooled; null for the system's
 * @param spoolMemory    octets of a message kept in memory before it spills to a temporary file
 * @param clock          the clock of {@code Received:} dates
 */
public record SessionSettings(String hostname, boolean lmtp, long maxMessageSize, int maxRecipients,
        boolean tlsAvailable, boolean requireTls, int maxAuthFailures, Path spoolDirectory, int spoolMemory,
        Clock clock) {

    /** RFC 5321 §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is 100". */
    public static final int RFC_MINIMUM_RECIPIENTS = 100;

    public SessionSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(clock, "clock");
        if (maxMessageSize < 1 || maxRecipients < 1 || maxAuthFailures < 1 || spoolMemory < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** SMTP on "localhost": 64 MiB messages, 100 recipients, no TLS, 3 AUTH failures, 64 KiB in memory. */
    public static SessionSettings defaults() {
        return new SessionSettings("localhost", false, 64L * 1024 * 1024, RFC_MINIMUM_RECIPIENTS, false, false, 3,
                null, 64 * 1024, Clock.systemUTC());
    }

    public SessionSettings withHostname(String name) {
        return new SessionSettings(name, lmtp, maxMessageSize, maxRecipients, tlsAvailable, requireTls,
                maxAuthFailures, spoolDirectory, spoolMemory, clock);
    }

    public SessionSettings withLmtp(boolean on) {
        return new SessionSettings(hostname, on, maxMessageSize, maxRecipients, tlsAvailable, requireTls,
                maxAuthFailures, spoolDirectory, spoolMemory, clock);
    }

    public SessionSettings withMaxMessageSize(long octets) {
        return new SessionSettings(hostname, lmtp, octets, maxRecipients, tlsAvailable, requireTls,
                maxAuthFailures, spoolDirectory, spoolMemory, clock);
    }

    public SessionSettings withMaxRecipients(int n) {
        return new SessionSettings(hostname, lmtp, maxMessageSize, n, tlsAvailable, requireTls,
                maxAuthFailures, spoolDirectory, spoolMemory, clock);
    }

    public SessionSettings withTlsAvailable(boolean on) {
        return new SessionSettings(hostname, lmtp, maxMessageSize, maxRecipients, on, requireTls,
                maxAuthFailures, spoolDirectory, spoolMemory, clock);
    }

    public SessionSettings withRequireTls(boolean on) {
        return new SessionSettings(hostname, lmtp, maxMessageSize, maxRecipients, tlsAvailable, on,
                maxAuthFailures, spoolDirectory, spoolMemory, clock);
    }

    public SessionSettings withSpool(Path directory, int memoryOctets) {
        return new SessionSettings(hostname, lmtp, maxMessageSize, maxRecipients, tlsAvailable, requireTls,
                maxAuthFailures, directory, memoryOctets, clock);
    }

    public SessionSettings withClock(Clock c) {
        return new SessionSettings(hostname, lmtp, maxMessageSize, maxRecipients, tlsAvailable, requireTls,
                maxAuthFailures, spoolDirectory, spoolMemory, c);
    }
}
