package org.maillab.pop3.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.maillab.pop3.codec.Response;
import org.maillab.pop3.testing.FakeStore;

/** Drives a session by lines and gives back each reply as the exact wire text. */
final class SessionHarness {

    static final String TIMESTAMP = "<1896.697170952@maillab.test>";

    final FakeStore store;
    final Pop3Session session;
    Reply last;

    SessionHarness(FakeStore store, SessionSettings settings) {
        this(store, settings, false);
    }

    SessionHarness(FakeStore store, SessionSettings settings, boolean tls) {
        this.store = store;
        this.session = new Pop3Session(store, settings, TIMESTAMP, tls);
    }

    String greeting() {
        return wire(session.greeting());
    }

    /** Sends one line and returns the reply's wire text (body and terminator included). */
    String send(String line) {
        last = session.handleLine((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return wire(last.response());
    }

    static String wire(Response response) {
        try (InputStream in = response.toWire()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
