package org.maillab.labkit;

/** Thrown by a check that cannot run against this server (no test mail, capability not offered). */
final class CheckSkipped extends Exception {
    CheckSkipped(String message) {
        super(message);
    }
}
