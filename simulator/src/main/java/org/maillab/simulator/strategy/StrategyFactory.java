package org.maillab.simulator.strategy;

import org.maillab.simulator.scenario.StrategyName;

/** Makes the strategy of each name (one instance per run). */
public interface StrategyFactory {
    Strategy create(StrategyName name);
}
