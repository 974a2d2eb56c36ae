package org.maillab.transport;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Failed logins cost the guesser time (RFC 9051 §11.7 asks servers to slow down password guessing; Dovecot
 * waits about 2 s after each failure). One throttle serves every listener of a {@link TransportServer}, so
 * POP3 and IMAP count together. Each failure is counted three times: for the connection, for the client's
 * address and for the account name tried. The answer to a failure waits {@code firstDelay × 2^(n-1)}
 * (at most {@code maxDelay}), where n is the largest of the three counts: spreading guesses over many
 * connections or many addresses does not make them cheaper. After {@code failuresPerConnection} failures
 * the connection is closed. Only failures wait: a correct password is answered at once, so a user whose
 * account is being attacked still logs in without delay.
 *
 * <p>An address or account forgets its failures after {@code memory} without a new one; at most
 * {@value #MAX_KEYS} of each are remembered (the least recently failed are forgotten first), so a
 * guesser inventing names cannot fill the heap. Thread-safe.
 */
public final class LoginThrottle {

    /** Addresses (and, separately, account names) remembered at most. */
    static final int MAX_KEYS = 10_000;

    /**
     * How failed logins are slowed down.
     *
     * @param firstDelay            the wait before answering the first failure; {@code ZERO} turns the
     *                              delays off
     * @param maxDelay              the longest wait
     * @param failuresPerConnection failures after which the connection is closed
     * @param memory                how long an address or account remembers its last failure
     */
    public record Policy(Duration firstDelay, Duration maxDelay, int failuresPerConnection, Duration memory) {

        public Policy {
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(memory, "memory");
            if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || failuresPerConnection < 1
                    || memory.isNegative()) {
                throw new IllegalArgumentException("login policy " + firstDelay + "/" + maxDelay + "/"
                        + failuresPerConnection + "/" + memory);
            }
        }

        /** 2 s for the first failure (Dovecot's), doubling up to 16 s; 3 failures per connection; 15 minutes' memory. */
        public static Policy defaults() {
            return new Policy(Duration.ofSeconds(2), Duration.ofSeconds(16), 3, Duration.ofMinutes(15));
        }

        /** No delays (tests of other things, benchmarks); connections still close after 3 failures. */
        public static Policy noDelay() {
            return new Policy(Duration.ZERO, Duration.ZERO, 3, Duration.ofMinutes(15));
        }
    }

    /**
     * What to do about one failed login.
     *
     * @param delay      how long to wait before answering it
     * @param disconnect whether to close the connection after the answer
     */
    public record Verdict(Duration delay, boolean disconnect) {
    }

    private final Policy policy;
    private final Clock clock;
    private final Counts byAddress = new Counts();
    private final Counts byAccount = new Counts();

    public LoginThrottle(Policy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Counts a failed login: the {@code connectionFailures}-th on its connection, from {@code address}, for
     * {@code account} (the name the client gave, or null if it gave none).
     */
    public Verdict failed(InetAddress address, String account, int connectionFailures) {
        long now = clock.millis();
        long memory = policy.memory().toMillis();
        int n = Math.max(connectionFailures, byAddress.add(address, now, memory));
        if (account != null) {
            n = Math.max(n, byAccount.add(account.toLowerCase(Locale.ROOT), now, memory));
        }
        return new Verdict(delayFor(n), connectionFailures >= policy.failuresPerConnection());
    }

    private Duration delayFor(int failures) {
        Duration delay = policy.firstDelay();
        for (int i = 1; i < failures && delay.compareTo(policy.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
    }

    /** Failure counts per key, the least recently failed first; bounded in size. */
    private static final class Counts {
        private record Count(int failures, long last) {
        }

        private final LinkedHashMap<Object, Count> counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Count> eldest) {
                return size() > MAX_KEYS;
            }
        };

        /** Adds one failure at {@code now} and returns the key's count. */
        synchronized int add(Object key, long now, long memory) {
            Count old = counts.get(key);
            int failures = old == null || now - old.last > memory ? 1 : saturatedIncrement(old.failures);
            counts.put(key, new Count(failures, now));
            return failures;
        }

        private static int saturatedIncrement(int n) {
            return n == Integer.MAX_VALUE ? n : n + 1;
        }
    }
}
