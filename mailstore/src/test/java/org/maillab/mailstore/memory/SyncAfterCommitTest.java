package org.maillab.mailstore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.FlagOp;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.core.AccountStorage;
import org.maillab.mailstore.core.MailboxStorage;
import org.maillab.mailstore.core.StoreEngine;
import org.maillab.mailstore.core.StoreStorage;

/**
 * Group commit only keeps its promise if every change the engine commits is forced ({@code sync})
 * before the call that made it returns. The storage here records its commits and syncs.
 */
class SyncAfterCommitTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @SuppressWarnings("unchecked")
    private <T> T recording(Class<T> type, Object target) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("sync")) {
                calls.add(name);
            }
            try {
                Object result = method.invoke(target, args);
                if (result instanceof AccountStorage a) {
                    return recording(AccountStorage.class, a);
                }
                if (result instanceof MailboxStorage m) {
                    return recording(MailboxStorage.class, m);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Every commit since the last look was followed by a sync; forgets what it looked at. */
    private void assertForced(String what) {
        synchronized (calls) {
            assertTrue(calls.contains("commit"), what + " committed nothing: " + calls);
            assertEquals("sync", calls.get(calls.size() - 1), what + " returned before its sync: " + calls);
            calls.clear();
        }
    }

    @Test
    void everyChangeIsForcedBeforeItReturns() {
        StoreEngine store = new StoreEngine(recording(StoreStorage.class, new MemoryStorage()), 1000);
        Account alice = store.createAccount("alice", "secret", false);
        alice.create("Archive");
        byte[] mail = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        calls.clear();
        long uid = alice.append("INBOX", new ByteArrayInputStream(mail), Flags.NONE, Instant.EPOCH).uid();
        assertForced("APPEND");
        try (Mailbox inbox = alice.open("INBOX", false)) {
            calls.clear();
            inbox.store(List.of(uid), FlagOp.ADD, Flags.of(SystemFlag.DELETED));
            assertForced("STORE");
            inbox.copyTo(List.of(uid), "Archive");
            assertForced("COPY");
            inbox.append(new ByteArrayInputStream(mail), Flags.NONE, Instant.EPOCH);
            assertForced("APPEND to the view");
            inbox.expunge();
            assertForced("EXPUNGE");
        }
    }
}
