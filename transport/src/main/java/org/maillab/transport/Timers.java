package org.maillab.transport;

import java.util.PriorityQueue;

/**
 * Tasks the selector thread runs at a time of the server's clock: delayed login answers, the time limit
 * to authenticate, the end of an accept pause. Selector only. Times come from
 * {@link ServerConfig#clock()}, so a test with a manual clock moves them with {@code sweepNow()}.
 */
final class Timers {

    private record Timer(long due, long order, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long scheduled;

    /** Runs {@code task} on the selector at {@code dueMillis} or on the first turn after it. */
    void schedule(long dueMillis, Runnable task) {
        queue.add(new Timer(dueMillis, scheduled++, task));
    }

    /** Runs every task that is due at {@code now}, in order of due time. */
    void runDue(long now) {
        Timer next;
        while ((next = queue.peek()) != null && next.due <= now) {
            queue.poll();
            try {
                next.task.run();
            } catch (RuntimeException e) {
                System.err.println("maillab transport: timer task failed");
                e.printStackTrace();
            }
        }
    }

    /** Milliseconds until the next task is due (0 if one is due), or {@code Long.MAX_VALUE} if none. */
    long millisToNext(long now) {
        Timer next = queue.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.due - now);
    }
}
