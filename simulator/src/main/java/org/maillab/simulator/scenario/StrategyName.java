package org.maillab.simulator.scenario;

import java.util.Arrays;
import java.util.Optional;

/** The access strategies a scenario can compare, by the names used in scenario files. */
public enum StrategyName {
    /** POP3: download everything, delete it from the server (RFC 1939 §6 DELE, then QUIT). */
    POP3_DELETE("pop3-delete", "POP3 download-and-delete"),
    /** POP3: download new mail by UIDL, leave it on the server (optionally delete after some days). */
    POP3_KEEP("pop3-keep", "POP3 leave-on-server (UIDL)"),
    /** IMAP online: headers first, bodies when opened, server-side search, state on the server. */
    IMAP_ONLINE("imap-online", "IMAP online"),
    /** IMAP disconnected: synchronise, work offline, replay the changes. */
    IMAP_DISCONNECTED("imap-disconnected", "IMAP disconnected");

    private final String word;
    private final String label;

    StrategyName(String word, String label) {
        this.word = word;
        this.label = label;
    }

    /** The name in scenario files and on the command line. */
    public String word() {
        return word;
    }

    /** The name in reports. */
    public String label() {
        return label;
    }

    public static Optional<StrategyName> fromWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
    }
}
