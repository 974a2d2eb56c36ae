package org.maillab.imap.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageContent;

/**
 * A mail store seen through a counter of the message streams it opened and that are not closed yet:
 * for each such stream a Maildir store holds an open file.
 */
final class OpenStreams {

    private int opened;
    private int open;
    private int mostOpen;

    MailStore wrap(MailStore real) {
        return proxy(MailStore.class, real);
    }

    synchronized int opened() {
        return opened;
    }

    synchronized int mostOpenAtOnce() {
        return mostOpen;
    }

    /** Waits until every stream opened has been closed; false if that takes more than {@code millis}. */
    synchronized boolean awaitAllClosed(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (open > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private synchronized void onOpen() {
        opened++;
        open++;
        mostOpen = Math.max(mostOpen, open);
    }

    private synchronized void onClose() {
        open--;
        notifyAll();
    }

    private <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Account a) {
                return proxy(Account.class, a);
            } else if (result instanceof Mailbox m) {
                return proxy(Mailbox.class, m);
            } else if (result instanceof MessageContent c) {
                return counting(c);
            } else if (result instanceof Optional<?> o && o.isPresent() && o.get() instanceof Account a) {
                return Optional.of(proxy(Account.class, a));
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private MessageContent counting(MessageContent real) {
        return new MessageContent() {
            @Override
            public long size() {
                return real.size();
            }

            @Override
            public InputStream open() {
                return counted(real.open());
            }

            @Override
            public InputStream open(long offset, long length) {
                return counted(real.open(offset, length));
            }
        };
    }

    private InputStream counted(InputStream in) {
        onOpen();
        return new FilterInputStream(in) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    synchronized (this) {
                        if (!closed) {
                            closed = true;
                            onClose();
                        }
                    }
                }
            }
        };
    }
}
