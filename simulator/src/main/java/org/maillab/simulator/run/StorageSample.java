package org.maillab.simulator.run;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Storage at one moment of a run.
 *
 * @param at      virtual time
 * @param server  octets on the server, all accounts (-1 if the target cannot tell)
 * @param devices octets on each device, by device name
 */
public record StorageSample(Duration at, long server, Map<String, Long> devices) {
    public StorageSample {
        devices = java.util.Collections.unmodifiableMap(new TreeMap<>(devices));
    }
}
