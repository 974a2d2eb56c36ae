package org.maillab.mailstore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.maillab.mailstore.core.LoginCache;
import org.maillab.mailstore.core.PasswordHash;
import org.maillab.mailstore.core.StoreEngine;

/** The store's logins go through its cache: cheap when repeated, and a password change ends them. */
class StoreLoginCacheTest {

    private final AtomicInteger pbkdf2Runs = new AtomicInteger();
    private final LoginCache cache = new LoginCache((password, stored) -> {
        pbkdf2Runs.incrementAndGet();
        return PasswordHash.verify(password, stored);
    }, Duration.ofMinutes(5), 100, () -> 0L);
    private final StoreEngine store = new StoreEngine(new MemoryStorage(), 1000, cache);

    @Test
    void aRepeatedLoginRunsPbkdf2Once() {
        store.createAccount("alice", "secret", false);
        for (int i = 0; i < 5; i++) {
            assertTrue(store.authenticate("alice", "secret").isPresent());
        }
        assertEquals(1, pbkdf2Runs.get());
    }

    @Test
    void aWrongPasswordIsRefusedAfterARightOne() {
        store.createAccount("alice", "secret", false);
        assertTrue(store.authenticate("alice", "secret").isPresent());
        assertFalse(store.authenticate("alice", "secreT").isPresent());
        assertEquals(2, pbkdf2Runs.get());
    }

    @Test
    void aPasswordChangeEndsTheOldPasswordAtOnce() {
        store.createAccount("alice", "old", false);
        assertTrue(store.authenticate("alice", "old").isPresent());
        store.setPassword("alice", "new");
        assertFalse(store.authenticate("alice", "old").isPresent());
        assertTrue(store.authenticate("alice", "new").isPresent());
        assertTrue(store.authenticate("alice", "new").isPresent());
        assertEquals(3, pbkdf2Runs.get());
    }

    @Test
    void anUnknownUserIsNeverCached() {
        assertFalse(store.authenticate("nobody", "secret").isPresent());
        assertFalse(store.authenticate("nobody", "secret").isPresent());
        assertEquals(0, cache.size());
    }
}
