package org.maillab.simulator.strategy;

import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.StrategyName;

/**
 * The strategies MailLab can run. The IMAP ones plug in here when the project's IMAP client exists
 * (see docs/simulator.md, "Adding the IMAP strategies"); until then they report why they did not run.
 */
public final class Strategies {

    /** What the report says for the IMAP strategies until they exist. */
    public static final String IMAP_NOT_YET =
            "needs IMAP strategies — not available yet (not built on the project's IMAP client yet)";

    private Strategies() {
    }

    /** A factory for {@link Simulation}. */
    public static Simulation.StrategyFactory standard() {
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
