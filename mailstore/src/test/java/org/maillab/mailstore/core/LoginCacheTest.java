package org.maillab.mailstore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LoginCacheTest {

    /** The slow hash, replaced by a comparison that records each time it is asked. */
    static final class CountingCheck implements LoginCache.PasswordCheck {
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean matches(String password, String storedHash) {
            asked.add(storedHash);
            return storedHash.equals("hash-of-" + password);
        }
    }

    /** A clock the test moves by hand. */
    static final class ManualClock {
        long nanos = 1_000;

        long now() {
            return nanos;
        }
    }

    private final CountingCheck slow = new CountingCheck();
    private final ManualClock clock = new ManualClock();
    private final LoginCache cache = new LoginCache(slow, Duration.ofSeconds(60), 3, clock::now);

    @Test
    void aRepeatedLoginDoesNotAskTheSlowCheckAgain() {
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertEquals(1, slow.asked.size());
    }

    @Test
    void aWrongPasswordIsNeverAcceptedFromTheCacheAndAlwaysPaysTheSlowCheck() {
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertFalse(cache.check("alice", "Secret", "hash-of-secret"));
        assertFalse(cache.check("alice", "secret ", "hash-of-secret"));
        assertFalse(cache.check("alice", "", "hash-of-secret"));
        assertEquals(4, slow.asked.size());
        // and the right one still hits afterwards
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertEquals(4, slow.asked.size());
    }

    @Test
    void failuresAreNotRemembered() {
        assertFalse(cache.check("alice", "guess", "hash-of-secret"));
        assertFalse(cache.check("alice", "guess", "hash-of-secret"));
        assertEquals(2, slow.asked.size());
        assertEquals(0, cache.size());
    }

    @Test
    void anotherUsersPasswordDoesNotHit() {
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertTrue(cache.check("bob", "secret", "hash-of-secret"));
        assertEquals(2, slow.asked.size());
    }

    @Test
    void aChangedStoredHashDoesNotHitEvenWithoutForget() {
        assertTrue(cache.check("alice", "old", "hash-of-old"));
        assertFalse(cache.check("alice", "old", "hash-of-new"));
        assertTrue(cache.check("alice", "new", "hash-of-new"));
        assertEquals(3, slow.asked.size());
    }

    @Test
    void forgetDropsTheEntry() {
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        cache.forget("alice");
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertEquals(2, slow.asked.size());
    }

    @Test
    void entriesExpireAfterTheTtl() {
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        clock.nanos += Duration.ofSeconds(60).toNanos() - 1;
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertEquals(1, slow.asked.size());
        clock.nanos += 1;
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertEquals(2, slow.asked.size(), "expired: verified again");
        // the new verification starts a new lifetime
        clock.nanos += Duration.ofSeconds(59).toNanos();
        assertTrue(cache.check("alice", "secret", "hash-of-secret"));
        assertEquals(2, slow.asked.size());
    }

    @Test
    void atMostCapacityEntriesAreKeptAndTheLeastRecentlyUsedGoesFirst() {
        cache.check("a", "pa", "hash-of-pa");
        cache.check("b", "pb", "hash-of-pb");
        cache.check("c", "pc", "hash-of-pc");
        cache.check("a", "pa", "hash-of-pa"); // a is now the most recently used
        cache.check("d", "pd", "hash-of-pd"); // b goes
        assertEquals(3, cache.size());
        assertEquals(4, slow.asked.size());
        cache.check("a", "pa", "hash-of-pa");
        cache.check("c", "pc", "hash-of-pc");
        cache.check("d", "pd", "hash-of-pd");
        assertEquals(4, slow.asked.size(), "a, c and d still remembered");
        cache.check("b", "pb", "hash-of-pb");
        assertEquals(5, slow.asked.size(), "b was dropped");
    }

    @Test
    void aZeroCapacityCacheRemembersNothing() {
        LoginCache none = new LoginCache(slow, Duration.ofSeconds(60), 0, clock::now);
        assertTrue(none.check("alice", "secret", "hash-of-secret"));
        assertTrue(none.check("alice", "secret", "hash-of-secret"));
        assertEquals(2, slow.asked.size());
    }

    @Test
    void missingPasswordOrHashIsRefusedWithoutAsking() {
        assertFalse(cache.check("alice", null, "hash-of-secret"));
        assertFalse(cache.check("alice", "secret", null));
        assertEquals(0, slow.asked.size());
        assertThrows(IllegalArgumentException.class,
                () -> new LoginCache(slow, Duration.ofSeconds(-1), 1, clock::now));
    }

    @Test
    void worksWithTheRealPbkdf2() {
        LoginCache real = new LoginCache(PasswordHash::verify, Duration.ofSeconds(60), 10, clock::now);
        String stored = PasswordHash.hash("correct horse", 1000);
        assertTrue(real.check("alice", "correct horse", stored));
        assertTrue(real.check("alice", "correct horse", stored));
        assertFalse(real.check("alice", "correct horsE", stored));
    }
}
