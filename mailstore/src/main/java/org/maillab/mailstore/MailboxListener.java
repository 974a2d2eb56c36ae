package org.maillab.mailstore;

/**
 * Receives the changes other views make to a mailbox. Called on the thread that made the change,
 * after it is durable, while that mailbox's writes are serialized: a listener must not block and
 * must not call back into the store; it queues the event for its session.
 */
@FunctionalInterface
public interface MailboxListener {

    void onEvent(MailboxEvent event);
}
