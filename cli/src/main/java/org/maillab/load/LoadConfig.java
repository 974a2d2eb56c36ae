package org.maillab.load;

import java.time.Duration;
import java.util.List;

/**
 * One load run.
 *
 * @param target      the IMAP server (loopback only, see {@link LoadTarget})
 * @param accounts    logins; client i uses {@code accounts[i % size]}
 * @param clients     concurrent connections, 1..{@value #MAX_CLIENTS}
 * @param duration    stop starting commands after this long (always set: it also bounds a --commands run)
 * @param commands    total commands to send, every command counted (LOGIN and LOGOUT too); 0 = no count limit
 * @param seed        seeds every client's choices and generated messages
 * @param fill        before measuring, APPEND until each account's INBOX holds at least this many messages
 */
public record LoadConfig(LoadTarget target, List<Account> accounts, int clients, Duration duration, long commands,
        long seed, int fill) {

    public static final int MAX_CLIENTS = 1_000;
    public static final long MAX_COMMANDS = 10_000_000;
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final int MAX_FILL = 100_000;

    public LoadConfig {
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients must be 1.." + MAX_CLIENTS + ", got " + clients);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be more than 0 and at most 1 hour, got " + duration);
        }
        if (commands < 0 || commands > MAX_COMMANDS) {
            throw new IllegalArgumentException("commands must be 0.." + MAX_COMMANDS + ", got " + commands);
        }
        if (fill < 0 || fill > MAX_FILL) {
            throw new IllegalArgumentException("fill must be 0.." + MAX_FILL + ", got " + fill);
        }
    }
}
