package org.maillab.simulator.scenario;

import java.util.Arrays;
import java.util.Optional;

/** The access strategies a scenario can compare, by the names used in scenario files. */
public enum StrategyName {
    /** POP3: download everything, delete it from the server (RFC 1939 §6 DELE, then QUIT). */
    POP3_DELETE("pop3-delete", "POP3 download-and-delete",
            "each check logs in, downloads every message (RETR), deletes it (DELE) and quits; mail then lives on the device only"),
    /** POP3: download new mail by UIDL, leave it on the server (optionally delete after some days). */
    POP3_KEEP("pop3-keep", "POP3 leave-on-server (UIDL)",
            "each check downloads only messages whose UIDL it has not seen and leaves them on the server"),
    /** IMAP online: headers first, bodies when opened, server-side search, state on the server. */
    IMAP_ONLINE("imap-online", "IMAP online",
            "a new connection for every check and every action (no persistent connection, no IDLE): headers and "
                    + "structure on a check, a message's text when it is opened, flags and search on the server"),
    /** IMAP disconnected: synchronise, work offline, replay the changes. */
    IMAP_DISCONNECTED("imap-disconnected", "IMAP disconnected",
            "each check replays the device's changes, resynchronises (QRESYNC when offered) and downloads every new "
                    + "message's text; the user works on the local copies between checks");

    private final String word;
    private final String label;
    private final String description;

    StrategyName(String word, String label, String description) {
        this.word = word;
        this.label = label;
        this.description = description;
    }

    /** What a client of this strategy does, for the report's legend. */
    public String description() {
        return description;
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
