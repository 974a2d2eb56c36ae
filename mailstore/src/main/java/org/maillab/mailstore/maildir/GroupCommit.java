package org.maillab.mailstore.maildir;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Group commit for one folder: writers record their changes under the mailbox lock (cheap: page
 * cache), then, with the lock released, wait until a forcing of the disk that began after their
 * change has ended. One fsync then serves every writer that committed while the previous one ran,
 * instead of each writer holding the mailbox lock through its own (about 10 ms on a busy disk).
 */
final class GroupCommit {

    private final Object state = new Object();
    private final Object forcing = new Object(); // one batch at a time
    private final Set<Path> directories = new HashSet<>(); // guarded by state: renamed into or out of
    private long committed; // guarded by state: commits so far
    private long durable; // guarded by state: commits known to be on disk

    /** A commit happened (its journal records written), with renames in {@code touched}. */
    void committed(Collection<Path> touched) {
        synchronized (state) {
            directories.addAll(touched);
            committed++;
        }
    }

    /**
     * Returns once every commit made before this call is on disk: forced here by {@code force}
     * (given the directories to force), or by a batch another thread began after it.
     */
    void sync(Consumer<Set<Path>> force) {
        long wanted;
        synchronized (state) {
            wanted = committed;
            if (durable >= wanted) {
                return;
            }
        }
        synchronized (forcing) {
            Set<Path> batch;
            long upTo;
            synchronized (state) {
                if (durable >= wanted) {
                    return; // the batch that just ended covered this commit
                }
                batch = Set.copyOf(directories);
                directories.clear();
                upTo = committed;
            }
            boolean done = false;
            try {
                force.accept(batch);
                done = true;
            } finally {
                synchronized (state) {
                    if (done) {
                        durable = Math.max(durable, upTo);
                    } else {
                        directories.addAll(batch); // the next batch tries them again
                    }
                }
            }
        }
    }
}
