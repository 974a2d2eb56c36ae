package org.maillab.simulator.network;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A named kind of link: its round-trip time and its bandwidth each way. The figures are typical, not
 * measured here; {@code docs/simulator.md} gives the source of each.
 *
 * @param name          the name used in scenario files and on the command line
 * @param description   one line for the report
 * @param roundTrip     round-trip time (RTT)
 * @param downlinkBits  server-to-client bandwidth, bits per second
 * @param uplinkBits    client-to-server bandwidth, bits per second
 */
public record NetworkProfile(String name, String description, Duration roundTrip, long downlinkBits,
                             long uplinkBits) {

    public NetworkProfile {
        if (roundTrip.isNegative() || downlinkBits <= 0 || uplinkBits <= 0) {
            throw new IllegalArgumentException("a network needs a non-negative RTT and positive bandwidths");
        }
    }

    /** Gigabit Ethernet in one building: switch latency well under a millisecond. */
    public static final NetworkProfile LAN = new NetworkProfile("lan", "LAN (1 Gbit/s, 0.5 ms RTT)",
            Duration.ofNanos(500_000), 1_000_000_000L, 1_000_000_000L);
    /** Cable or fibre at home (FCC Measuring Broadband America: 10-30 ms idle latency). */
    public static final NetworkProfile BROADBAND = new NetworkProfile("broadband",
            "home broadband (100/20 Mbit/s, 20 ms RTT)", Duration.ofMillis(20), 100_000_000L, 20_000_000L);
    /** WebPageTest's "LTE" connectivity profile. */
    public static final NetworkProfile MOBILE_4G = new NetworkProfile("4g", "4G/LTE (12/12 Mbit/s, 70 ms RTT)",
            Duration.ofMillis(70), 12_000_000L, 12_000_000L);
    /** WebPageTest's "3G" connectivity profile. */
    public static final NetworkProfile MOBILE_3G = new NetworkProfile("3g",
            "3G (1.6 Mbit/s / 768 kbit/s, 300 ms RTT)", Duration.ofMillis(300), 1_600_000L, 768_000L);
    /** WebPageTest's "56K Dial-Up" profile: what a V.90 modem really delivers. */
    public static final NetworkProfile DIALUP = new NetworkProfile("dialup",
            "56k dial-up (49/30 kbit/s, 120 ms RTT)", Duration.ofMillis(120), 49_000L, 30_000L);
    /** Geostationary satellite: about 36,000 km up and down twice; 600 ms RTT is typical. */
    public static final NetworkProfile SATELLITE = new NetworkProfile("satellite",
            "geostationary satellite (25/3 Mbit/s, 600 ms RTT)", Duration.ofMillis(600), 25_000_000L, 3_000_000L);

    /** Every named profile, fastest first. */
    public static final List<NetworkProfile> ALL =
            List.of(LAN, BROADBAND, MOBILE_4G, MOBILE_3G, DIALUP, SATELLITE);

    /** The same bandwidths with another round-trip time (to find where two strategies cross). */
    public NetworkProfile withRoundTrip(Duration rtt) {
        return new NetworkProfile(name + "@" + rtt.toMillis() + "ms", description, rtt, downlinkBits, uplinkBits);
    }

    /** The profile of that name. */
    public static Optional<NetworkProfile> named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst();
    }

    /** The names, for error messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(NetworkProfile::name).toList());
    }
}
