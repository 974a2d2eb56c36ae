package org.maillab.simulator.report;

import org.maillab.simulator.scenario.StrategyName;

/** One colour per strategy, the same in every chart of the report, whatever order the runs came in. */
public final class StrategyColors {

    private StrategyColors() {
    }

    public static String of(StrategyName strategy) {
        return switch (strategy) {
            case POP3_DELETE -> "#d62728";
            case POP3_KEEP -> "#ff7f0e";
            case IMAP_ONLINE -> "#1f77b4";
            case IMAP_DISCONNECTED -> "#2ca02c";
        };
    }
}
