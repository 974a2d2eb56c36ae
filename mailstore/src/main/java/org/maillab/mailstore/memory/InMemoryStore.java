package org.maillab.mailstore.memory;

import org.maillab.mailstore.core.EngineStore;
import org.maillab.mailstore.core.StoreEngine;

/**
 * A store that keeps everything in memory, for tests and simulations. Same semantics as the Maildir
 * store (one engine, one contract suite); nothing survives {@link #close()}.
 *
 * <pre>{@code
 * MailStore store = new InMemoryStore();
 * Account alice = store.createAccount("alice", "secret", false);
 * alice.append("INBOX", new ByteArrayInputStream(bytes), Flags.NONE, Instant.now());
 * }</pre>
 */
public final class InMemoryStore extends EngineStore {

    /** PBKDF2 cost here: memory stores live in tests, where thousands of logins must stay quick. */
    private static final int ITERATIONS = 1_000;

    public InMemoryStore() {
        super(new StoreEngine(new MemoryStorage(), ITERATIONS));
    }
}
