package org.maillab.simulator.run;

import java.time.Duration;
import java.util.Optional;
import org.maillab.simulator.network.WireStats;

/**
 * One client session of a run, as the tap saw it.
 *
 * @param device         which device
 * @param label          what the session was for, e.g. {@code check} or {@code open}
 * @param at             virtual time it started
 * @param network        the device's network
 * @param stats          traffic
 * @param modelled       modelled time on that network
 * @param newestReadable modelled time from the start of the session until the newest new message could
 *                       be read, when the session brought new mail
 */
public record SessionRecord(String device, String label, Duration at, String network, WireStats stats,
                            Duration modelled, Optional<Duration> newestReadable) {
}
