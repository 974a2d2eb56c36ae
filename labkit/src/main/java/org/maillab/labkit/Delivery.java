package org.maillab.labkit;

import java.io.IOException;

/** Puts one test message into the account's maildrop (INBOX) by some other way than POP3. */
@FunctionalInterface
public interface Delivery {
    void deliver(byte[] message) throws IOException;
}
