package org.maillab.simulator.network;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Turns a wire record into the time it would take on a given link:
 *
 * <pre>
 * modelled_time = (round_trips + connections × (handshake_rtts + tls_rtts) + slow_start_rtts) × RTT
 *               + (bytes_down + connections × tls_bytes_down) × 8 / downlink_bits_per_second
 *               + (bytes_up   + connections × tls_bytes_up)   × 8 / uplink_bits_per_second
 * </pre>
 *
 * The TCP handshake costs one RTT per connection; TLS adds one (TLS 1.3) or two (TLS 1.2) more and its
 * handshake octets ({@link Tls}). With slow start on, each connection also waits for its congestion
 * window to open (RFC 5681 §3.1, initial window of 10 segments, RFC 6928):
 *
 * <pre>
 * slow_start_rtts = connections × max(0, min(k_data, k_bdp) − 1)
 *   k_data = rounds for a window of IW, 2·IW, 4·IW ... to carry ⌈bytes_down / connections / MSS⌉ segments
 *   k_bdp  = rounds until the window reaches the link's bandwidth-delay product, downlink × RTT / (8 × MSS)
 * </pre>
 *
 * (the first round is the response's own round trip, already counted). The model still ignores packet
 * loss and header overhead: it is a lower bound that keeps the comparison between strategies fair and
 * every number reproducible. The sum is computed exactly (integer arithmetic over nanoseconds) and each
 * part rounded half up once, to the nanosecond.
 *
 * @param network        the link
 * @param handshakeRtts  round trips to open a TCP connection (1)
 * @param tls            what TLS adds per connection
 * @param slowStart      whether each connection pays TCP slow start
 */
public record TimeModel(NetworkProfile network, int handshakeRtts, Tls tls, boolean slowStart) {

    /** Initial congestion window, in segments (RFC 6928). */
    public static final int INITIAL_WINDOW = 10;
    /** Maximum segment size on Ethernet: 1500 − 20 (IP) − 20 (TCP). */
    public static final int MSS = 1460;

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger EIGHT = BigInteger.valueOf(8);

    public TimeModel {
        if (handshakeRtts < 0) {
            throw new IllegalArgumentException("round-trip counts cannot be negative");
        }
    }

    /** Plain TCP, no TLS, no slow start: what the in-process servers speak, as a lower bound. */
    public static TimeModel plain(NetworkProfile network) {
        return new TimeModel(network, 1, Tls.NONE, false);
    }

    /** The formula, for reports. */
    public static String formula() {
        return "modelled_time = (round_trips + connections × (handshake_rtts + tls_rtts) + slow_start_rtts) × RTT"
                + " + (bytes_down + connections × tls_bytes_down) × 8 / downlink"
                + " + (bytes_up + connections × tls_bytes_up) × 8 / uplink;"
                + " slow_start_rtts = connections × max(0, min(k_data, k_bdp) − 1), IW = " + INITIAL_WINDOW
                + " segments of " + MSS + " octets";
    }

    /** The values this model puts into the formula, for reports. */
    public String parameters() {
        return "handshake_rtts = " + handshakeRtts + ", " + tls.label() + ": tls_rtts = " + tls.rtts()
                + ", tls_bytes_down = " + tls.bytesDown() + ", tls_bytes_up = " + tls.bytesUp()
                + "; slow start " + (slowStart ? "on" : "off (slow_start_rtts = 0)");
    }

    /** The modelled time of what the record shows: {@link #latency} plus {@link #transfer}. */
    public Duration time(WireStats s) {
        return latency(s).plus(transfer(s));
    }

    /** The part of the time spent waiting on round trips (the RTT term). */
    public Duration latency(WireStats s) {
        BigInteger rtt = BigInteger.valueOf(network.roundTrip().toNanos());
        BigInteger flights = BigInteger.valueOf(s.roundTrips())
                .add(BigInteger.valueOf(s.connections()).multiply(BigInteger.valueOf((long) handshakeRtts + tls.rtts())))
                .add(BigInteger.valueOf(slowStartRtts(s)));
        return Duration.ofNanos(rtt.multiply(flights).longValueExact());
    }

    /** The part of the time spent moving bytes (the bandwidth terms), rounded half up once to the nanosecond. */
    public Duration transfer(WireStats s) {
        BigInteger down = BigInteger.valueOf(network.downlinkBits());
        BigInteger up = BigInteger.valueOf(network.uplinkBits());
        BigInteger connections = BigInteger.valueOf(s.connections());
        BigInteger octetsDown = BigInteger.valueOf(s.bytesDown()).add(connections.multiply(BigInteger.valueOf(tls.bytesDown())));
        BigInteger octetsUp = BigInteger.valueOf(s.bytesUp()).add(connections.multiply(BigInteger.valueOf(tls.bytesUp())));
        // transfer = (octetsDown*8*1e9*up + octetsUp*8*1e9*down) / (down*up) nanoseconds
        BigInteger numerator = octetsDown.multiply(EIGHT).multiply(NANOS_PER_SECOND).multiply(up)
                .add(octetsUp.multiply(EIGHT).multiply(NANOS_PER_SECOND).multiply(down));
        BigInteger denominator = down.multiply(up);
        return Duration.ofNanos(numerator.shiftLeft(1).add(denominator).divide(denominator.shiftLeft(1)).longValueExact());
    }

    /** Extra round trips slow start costs, spreading the octets received evenly over the connections. */
    long slowStartRtts(WireStats s) {
        if (!slowStart || s.connections() == 0 || s.bytesDown() == 0) {
            return 0;
        }
        long perConnection = ceilDiv(s.bytesDown(), s.connections());
        long segments = ceilDiv(perConnection, MSS);
        long kData = roundsToCarry(segments);
        // bandwidth-delay product in segments: downlink bits/s × RTT ns / (8 × MSS × 1e9), rounded up
        BigInteger bdpBits = BigInteger.valueOf(network.downlinkBits()).multiply(BigInteger.valueOf(network.roundTrip().toNanos()));
        BigInteger perSegment = BigInteger.valueOf(8L * MSS).multiply(NANOS_PER_SECOND);
        long bdp = bdpBits.add(perSegment).subtract(BigInteger.ONE).divide(perSegment).longValueExact();
        long kBdp = roundsToReach(bdp);
        return s.connections() * Math.max(0, Math.min(kData, kBdp) - 1);
    }

    /** The k with IW·(2^k − 1) ≥ segments: rounds of a doubling window, from IW, to send them all. */
    private static long roundsToCarry(long segments) {
        long k = 0;
        long sent = 0;
        long window = INITIAL_WINDOW;
        while (sent < segments) {
            sent += window;
            window *= 2;
            k++;
        }
        return k;
    }

    /** The rounds a doubling window, from IW, takes until it holds {@code segments} (the first round counts). */
    private static long roundsToReach(long segments) {
        long k = 1;
        long window = INITIAL_WINDOW;
        while (window < segments) {
            window *= 2;
            k++;
        }
        return k;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
