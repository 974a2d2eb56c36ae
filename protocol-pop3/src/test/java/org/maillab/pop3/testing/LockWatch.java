package org.maillab.pop3.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.Maildrop;

/**
 * Wraps a store so tests can wait (without sleeping) for a maildrop to be released: every
 * {@code Maildrop.close()} and {@code commit(...)} is reported as an event, in order.
 */
public final class LockWatch {

    /** How a maildrop was given back. */
    public enum Release { CLOSED_WITHOUT_UPDATE, COMMITTED }

    private final LinkedBlockingQueue<Release> releases = new LinkedBlockingQueue<>();
    private final MailStore store;

    public LockWatch(MailStore delegate) {
        this.store = proxy(MailStore.class, delegate, (target, method, args) -> {
            Object result = invoke(method, target, args);
            if (result instanceof java.util.Optional<?> o && o.isPresent() && o.get() instanceof Account a) {
                return java.util.Optional.of(account(a));
            }
            return result;
        });
    }

    /** The watched store to give the server. */
    public MailStore store() {
        return store;
    }

    /** Waits up to 10 s for the next release. */
    public Release awaitRelease() throws InterruptedException {
        Release r = releases.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the maildrop was not released within 10 s");
        }
        return r;
    }

    private Account account(Account a) {
        return proxy(Account.class, a, (target, method, args) -> {
            Object result = invoke(method, target, args);
            return result instanceof Maildrop m ? maildrop(m) : result;
        });
    }

    private Maildrop maildrop(Maildrop m) {
        return proxy(Maildrop.class, m, (target, method, args) -> {
            Object result = invoke(method, target, args);
            if (method.getName().equals("commit")) {
                releases.add(Release.COMMITTED);
            } else if (method.getName().equals("close")) {
                releases.add(Release.CLOSED_WITHOUT_UPDATE);
            }
            return result;
        });
    }

    private interface Handler<T> {
        Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
