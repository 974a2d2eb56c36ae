package org.maillab.pop3.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the greeting's APOP timestamps (RFC 1939 §7): {@code <process-ID.clock@hostname>}, "different
 * each time the POP3 server issues a banner greeting". A counter makes them unique within the process,
 * a random part makes them unpredictable across restarts.
 */
final class ApopTimestamps {

    private final String hostname;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong counter = new AtomicLong();
    private final long salt = new SecureRandom().nextLong() >>> 1;

    ApopTimestamps(String hostname, Clock clock) {
        this.hostname = hostname;
        this.clock = clock;
    }

    String next() {
        return "<" + pid + "." + Long.toString(salt, 36) + "." + counter.incrementAndGet() + "."
                + clock.millis() + "@" + hostname + ">";
    }
}
