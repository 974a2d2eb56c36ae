package org.maillab.smtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;

/** Reads what reached an account's INBOX, for assertions. */
public final class Mail {

    private Mail() {
    }

    /** The INBOX messages of {@code user}, oldest first, as text (ISO-8859-1: one char per octet). */
    public static List<String> inbox(MailStore store, String user) {
        List<String> messages = new ArrayList<>();
        try (Mailbox inbox = store.account(user).orElseThrow().open("INBOX", true)) {
            for (MessageInfo m : inbox.messages()) {
                try (InputStream in = inbox.content(m.uid()).open()) {
                    messages.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /** The message without its first header field (the Received: trace field the server added). */
    public static String withoutReceived(String message) {
        if (!message.startsWith("Received: ")) {
            throw new AssertionError("no Received: field on top: " + message);
        }
        int i = 0;
        while (true) {
            int eol = message.indexOf("\r\n", i);
            i = eol + 2;
            if (i >= message.length() || (message.charAt(i) != ' ' && message.charAt(i) != '\t')) {
                return message.substring(i);
            }
        }
    }
}
