package org.maillab.imap.session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.Mailbox;

/**
 * A mail store seen through one session that lets a test run another session's command at an exact
 * moment: right after this session's next {@link Mailbox#messages()} call, i.e. after a command has
 * listed the mailbox and before it reads the messages. That is where a real server races (the load
 * generator found it); single-threaded, it is deterministic.
 */
final class RacingStore {

    private Runnable afterNextListing;
    private String beforeMethod;
    private Runnable beforeAction;

    /** Runs {@code action} once, just after the next listing of a mailbox through {@link #store}. */
    void afterNextListing(Runnable action) {
        afterNextListing = action;
    }

    /** Runs {@code action} once, just before this session's next call of the {@link Mailbox} method named. */
    void beforeNextCall(String mailboxMethod, Runnable action) {
        beforeMethod = mailboxMethod;
        beforeAction = action;
    }

    MailStore wrap(MailStore real) {
        return proxy(MailStore.class, real);
    }

    private <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (self, method, args) -> {
            if (type == Mailbox.class && method.getName().equals(beforeMethod)) {
                Runnable action = beforeAction;
                beforeMethod = null;
                beforeAction = null;
                action.run();
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (type == Mailbox.class && method.getName().equals("messages") && afterNextListing != null) {
                Runnable action = afterNextListing;
                afterNextListing = null;
                action.run();
            }
            return wrapResult(result);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object wrapResult(Object result) {
        if (result instanceof Account a) {
            return proxy(Account.class, a);
        } else if (result instanceof Mailbox m) {
            return proxy(Mailbox.class, m);
        } else if (result instanceof Optional<?> o && o.isPresent() && o.get() instanceof Account a) {
            return Optional.of(proxy(Account.class, a));
        }
        return result;
    }
}
