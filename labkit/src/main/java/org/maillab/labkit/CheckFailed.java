package org.maillab.labkit;

/** Thrown by a check whose rule the server broke; the message says what the server did. */
final class CheckFailed extends Exception {
    CheckFailed(String message) {
        super(message);
    }
}
