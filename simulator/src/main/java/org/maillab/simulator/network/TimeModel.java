package org.maillab.simulator.network;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Turns a wire record into the time it would take on a given link:
 *
 * <pre>
 * modelled_time = (round_trips + connections × (handshake_rtts + tls_rtts)) × RTT
 *               + bytes_down × 8 / downlink_bits_per_second
 *               + bytes_up   × 8 / uplink_bits_per_second
 * </pre>
 *
 * The TCP handshake costs one RTT per connection; TLS adds one (TLS 1.3) or two (TLS 1.2) more.
 * The model ignores TCP slow start, packet loss and header overhead: it is a lower bound that keeps
 * the comparison between strategies fair and every number reproducible. The sum is computed exactly
 * (integer arithmetic over nanoseconds) and rounded half up once, to the nanosecond.
 *
 * @param network        the link
 * @param handshakeRtts  round trips to open a TCP connection (1)
 * @param tlsRtts        extra round trips for TLS (0 when the session is plain text)
 */
public record TimeModel(NetworkProfile network, int handshakeRtts, int tlsRtts) {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger EIGHT = BigInteger.valueOf(8);

    public TimeModel {
        if (handshakeRtts < 0 || tlsRtts < 0) {
            throw new IllegalArgumentException("round-trip counts cannot be negative");
        }
    }

    /** Plain TCP, no TLS: what the in-process servers speak. */
    public static TimeModel plain(NetworkProfile network) {
        return new TimeModel(network, 1, 0);
    }

    /** The formula, for reports. */
    public static String formula() {
        return "modelled_time = (round_trips + connections × (handshake_rtts + tls_rtts)) × RTT"
                + " + bytes_down × 8 / downlink + bytes_up × 8 / uplink";
    }

    /** The modelled time of what the record shows: {@link #latency} plus {@link #transfer}. */
    public Duration time(WireStats s) {
        return latency(s).plus(transfer(s));
    }

    /** The part of the time spent waiting on round trips (the RTT term). */
    public Duration latency(WireStats s) {
        BigInteger rtt = BigInteger.valueOf(network.roundTrip().toNanos());
        BigInteger flights = BigInteger.valueOf(s.roundTrips())
                .add(BigInteger.valueOf(s.connections()).multiply(BigInteger.valueOf((long) handshakeRtts + tlsRtts)));
        return Duration.ofNanos(rtt.multiply(flights).longValueExact());
    }

    /** The part of the time spent moving bytes (the bandwidth terms), rounded half up once to the nanosecond. */
    public Duration transfer(WireStats s) {
        BigInteger down = BigInteger.valueOf(network.downlinkBits());
        BigInteger up = BigInteger.valueOf(network.uplinkBits());
        // transfer = (bytesDown*8*1e9*up + bytesUp*8*1e9*down) / (down*up) nanoseconds
        BigInteger numerator = BigInteger.valueOf(s.bytesDown()).multiply(EIGHT).multiply(NANOS_PER_SECOND).multiply(up)
                .add(BigInteger.valueOf(s.bytesUp()).multiply(EIGHT).multiply(NANOS_PER_SECOND).multiply(down));
        BigInteger denominator = down.multiply(up);
        return Duration.ofNanos(numerator.shiftLeft(1).add(denominator).divide(denominator.shiftLeft(1)).longValueExact());
    }
}
