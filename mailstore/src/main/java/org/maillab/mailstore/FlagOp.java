package org.maillab.mailstore;

/** How a flag change combines with the flags a message has (IMAP STORE FLAGS, +FLAGS, -FLAGS). */
public enum FlagOp {
    REPLACE,
    ADD,
    REMOVE
}
