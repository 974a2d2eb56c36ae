package org.maillab.transport;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's tasks one at a time, in submission order, on a shared pool: the handler of a
 * connection never runs on two threads at once, while 10,000 connections share a few threads. After a
 * batch it goes to the back of the pool's queue, so one busy connection cannot starve the others.
 */
final class SerialExecutor implements Runnable {

    private static final int BATCH = 16;

    private final Executor pool;
    private ArrayDeque<Runnable> tasks; // null while idle: idle connections hold nothing
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    void execute(Runnable task) {
        synchronized (this) {
            if (tasks == null) {
                tasks = new ArrayDeque<>(4);
            }
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        submit();
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (this) {
                task = tasks == null ? null : tasks.poll();
                if (task == null) {
                    running = false;
                    tasks = null;
                    return;
                }
            }
            task.run();
        }
        submit();
    }

    private void submit() {
        try {
            pool.execute(this);
        } catch (RejectedExecutionException e) {
            // The server is gone: nothing can run any more.
            synchronized (this) {
                running = false;
                tasks = null;
            }
        }
    }
}
