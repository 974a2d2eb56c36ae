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
 * @param withoutCompression  the traffic the session would have had without COMPRESS=DEFLATE (RFC 4978):
 *                            the same as {@code stats} for a session that did not compress
 * @param modelledWithoutCompression modelled time of that traffic on the same network
 */
public record SessionRecord(String device, String label, Duration at, String network, WireStats stats,
                            Duration modelled, Optional<Duration> newestReadable, WireStats withoutCompression,
                            Duration modelledWithoutCompression) {

    /** A session without compression. */
    public SessionRecord(String device, String label, Duration at, String network, WireStats stats,
                         Duration modelled, Optional<Duration> newestReadable) {
        this(device, label, at, network, stats, modelled, newestReadable, stats, modelled);
    }

    /** Whether the session used COMPRESS=DEFLATE. */
    public boolean compressed() {
        return !withoutCompression.equals(stats);
    }
}
