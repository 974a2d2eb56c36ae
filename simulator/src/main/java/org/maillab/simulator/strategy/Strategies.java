package org.maillab.simulator.strategy;

import org.maillab.simulator.scenario.StrategyName;

/**
 * The strategies MailLab can run: POP3 download-and-delete and leave-on-server, IMAP online and
 * disconnected (see docs/simulator.md, "The strategies").
 */
public final class Strategies {

    /** What the report says for a claim that needs an IMAP run when none ran to the end. */
    public static final String NO_IMAP_RESULT = "needs an IMAP strategy that ran to the end; none did";

    private Strategies() {
    }

    /** The factory a simulation makes its strategies with. */
    public static StrategyFactory standard() {
        return Strategies::create;
    }

    public static Strategy create(StrategyName name) {
        return switch (name) {
            case POP3_DELETE -> new Pop3DeleteStrategy();
            case POP3_KEEP -> new Pop3KeepStrategy();
            case IMAP_ONLINE -> new ImapOnlineStrategy();
            case IMAP_DISCONNECTED -> new ImapDisconnectedStrategy();
        };
    }
}
