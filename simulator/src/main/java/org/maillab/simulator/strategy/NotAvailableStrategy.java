package org.maillab.simulator.strategy;

import java.util.Optional;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.StrategyName;

/**
 * Stands in for a strategy that cannot run yet; the report shows its reason instead of numbers.
 * Nothing is measured, nothing is invented.
 */
public record NotAvailableStrategy(StrategyName name, String reason) implements Strategy {

    @Override
    public Optional<String> unavailableReason(ServerTarget target) {
        return Optional.of(reason);
    }

    @Override
    public void check(DeviceContext device) {
        throw new IllegalStateException(reason);
    }

    @Override
    public void act(DeviceContext device, Action action) {
        throw new IllegalStateException(reason);
    }
}
