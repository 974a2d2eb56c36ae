package org.maillab.pop3.codec;

import java.util.Optional;

/**
 * The extended response codes of RFC 2449 §8 and RFC 3206, sent in brackets after {@code -ERR}
 * so a client can tell "wrong password" from "try again later".
 */
public enum ResponseCode {
    /** RFC 2449 §8.1.1: the maildrop is locked by another session. */
    IN_USE("IN-USE"),
    /** RFC 2449 §8.1.2: logged in too recently (LOGIN-DELAY). */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** RFC 3206 §4: a temporary system problem. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §4: a permanent system problem. */
    SYS_PERM("SYS/PERM"),
    /** RFC 3206 §5 (AUTH-RESP-CODE): the credentials were wrong or this way of logging in is not allowed. */
    AUTH("AUTH");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    /** The code as written between the brackets. */
    public String wire() {
        return wire;
    }

    /** The code for its wire spelling, compared case-insensitively. */
    public static Optional<ResponseCode> fromWire(String text) {
        for (ResponseCode code : values()) {
            if (code.wire.equalsIgnoreCase(text)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
