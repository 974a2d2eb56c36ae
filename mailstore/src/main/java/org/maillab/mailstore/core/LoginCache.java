package org.maillab.mailstore.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived memory of logins that were verified, so that a client that logs in again and again
 * (a POP3 poller, an IMAP client opening a connection per folder) pays the slow password hash once,
 * not every time. Dovecot's {@code auth_cache} is the model.
 *
 * <ul>
 * <li>The plain password is never kept: an entry holds an HMAC-SHA256 of it under a key made at
 * random for this cache, which never leaves memory, so the entries are worthless outside the
 * process.</li>
 * <li>A hit needs the same password (same HMAC, compared in constant time) <em>and</em> the same
 * stored hash as when it was verified: a wrong password always falls through to the slow check,
 * and a changed password (its stored hash has a new salt) never matches an old entry even where
 * {@link #forget} was not called.</li>
 * <li>Only successes are remembered; failed logins always cost the full hash.</li>
 * <li>Entries expire {@code ttl} after they were verified, and at most {@code capacity} are kept
 * (the least recently used goes first).</li>
 * </ul>
 */
public final class LoginCache {

    /** The slow check the cache saves: does {@code password} match {@code storedHash}? */
    @FunctionalInterface
    public interface PasswordCheck {
        boolean matches(String password, String storedHash);
    }

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String storedHash, byte[] fingerprint, long expiresAtNanos) {
    }

    private final PasswordCheck slowCheck;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries; // guarded by itself

    public LoginCache(PasswordCheck slowCheck, Duration ttl, int capacity, LongSupplier nanoClock) {
        if (ttl.isNegative() || capacity < 0) {
            throw new IllegalArgumentException("ttl and capacity must not be negative");
        }
        this.slowCheck = slowCheck;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** PBKDF2 behind a cache with the default lifetime and size, on the system clock. */
    public static LoginCache forPbkdf2() {
        return new LoginCache(PasswordHash::verify, DEFAULT_TTL, DEFAULT_CAPACITY, System::nanoTime);
    }

    /**
     * Whether {@code password} is the password of {@code name}, whose stored hash is {@code storedHash}:
     * from the cache when this very login was verified within the TTL, else by the slow check.
     */
    public boolean check(String name, String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        byte[] fingerprint = fingerprint(name, password);
        long now = nanoClock.getAsLong();
        synchronized (entries) {
            Entry e = entries.get(name);
            if (e != null) {
                if (now - e.expiresAtNanos() >= 0) {
                    entries.remove(name);
                } else if (e.storedHash().equals(storedHash) && MessageDigest.isEqual(e.fingerprint(), fingerprint)) {
                    return true;
                }
            }
        }
        if (!slowCheck.matches(password, storedHash)) {
            return false;
        }
        synchronized (entries) {
            entries.put(name, new Entry(storedHash, fingerprint, now + ttlNanos));
        }
        return true;
    }

    /** Drops what is remembered of {@code name}: its password changed or the account went away. */
    public void forget(String name) {
        synchronized (entries) {
            entries.remove(name);
        }
    }

    /** How many logins are remembered now (expired ones may still count until looked up). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private byte[] fingerprint(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // so that ("ab", "c") and ("a", "bc") differ
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
