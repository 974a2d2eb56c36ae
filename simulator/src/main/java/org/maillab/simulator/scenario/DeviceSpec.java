package org.maillab.simulator.scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * A device that reads one account's mail, keeping its own local store.
 *
 * @param name        e.g. {@code laptop}
 * @param account     whose mail it reads
 * @param strategy    a fixed strategy; empty means "the one being compared"
 * @param checkEvery  how often it checks for mail (zero: only when an event says {@code check})
 * @param checkStart  when it first checks
 * @param network     its network; empty means the scenario's
 * @param deleteAfter for {@code pop3-keep}: delete from the server this long after downloading; empty: never
 */
public record DeviceSpec(String name, String account, Optional<StrategyName> strategy, Duration checkEvery,
                         Duration checkStart, Optional<String> network, Optional<Duration> deleteAfter) {
}
