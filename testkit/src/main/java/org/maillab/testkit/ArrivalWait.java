package org.maillab.testkit;

import java.time.Duration;
import org.maillab.mailstore.Mailbox;

/**
 * Waits until an open mailbox view holds a number of messages, woken by the store's change events: the
 * store calls the view's listener after every change another view or a delivery makes (the events IMAP
 * IDLE pushes), so nothing polls and nothing sleeps.
 */
final class ArrivalWait {

    private final Mailbox view;
    private long changes; // guarded by this: events seen, so a change between a count and a wait is not missed

    ArrivalWait(Mailbox view) {
        this.view = view;
        // The listener runs on the thread that changed the mailbox and must not block or call the store:
        // it only counts and wakes the waiter.
        view.setListener(event -> changed());
    }

    private synchronized void changed() {
        changes++;
        notifyAll();
    }

    /**
     * True once the view holds at least {@code count} messages; false if {@code timeout} passed first.
     * The view is read outside this object's monitor: the listener is called while the store holds the
     * mailbox's lock, so holding the monitor while asking the store would deadlock.
     */
    boolean until(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = changes();
            if (view.messages().size() >= count) {
                return true;
            }
            if (!awaitChangeAfter(seen, deadline)) {
                return view.messages().size() >= count;
            }
        }
    }

    private synchronized long changes() {
        return changes;
    }

    private synchronized boolean awaitChangeAfter(long seen, long deadline) throws InterruptedException {
        while (changes == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }
}
