package org.maillab.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimeModelTest {

    @Test
    void roundTripsCostOneRttEachAndEachConnectionAddsItsHandshake() {
        NetworkProfile net = new NetworkProfile("t", "test", Duration.ofMillis(100), 8_000, 8_000);
        // (3 flights + 2 connections × 1 handshake) × 100 ms
        assertEquals(Duration.ofMillis(500), TimeModel.plain(net).time(new WireStats(0, 0, 3, 7, 2)));
        // TLS 1.2: two more RTTs per connection, and its handshake octets at 8000 bit/s both ways
        TimeModel tls12 = new TimeModel(net, 1, Tls.TLS12, false);
        assertEquals(Duration.ofMillis(900), tls12.latency(new WireStats(0, 0, 3, 7, 2)));
        assertEquals(Duration.ofMillis(2 * (4_300 + 330)), tls12.transfer(new WireStats(0, 0, 3, 7, 2)));
        // TLS 1.3: one more
        assertEquals(Duration.ofMillis(700), new TimeModel(net, 1, Tls.TLS13, false).latency(new WireStats(0, 0, 3, 7, 2)));
    }

    @Test
    void bytesCostTheirBitsOverTheBandwidthOfTheirDirection() {
        NetworkProfile net = new NetworkProfile("t", "test", Duration.ZERO, 8_000, 4_000);
        // 1000 octets down at 8000 bit/s = 1 s; 500 octets up at 4000 bit/s = 1 s
        assertEquals(Duration.ofSeconds(2), TimeModel.plain(net).time(new WireStats(1000, 500, 0, 0, 0)));
    }

    @Test
    void tenMegabytesOnDialUpTakeAboutHalfAnHourOfModelledTimeExactly() {
        long tenMb = 10L * 1024 * 1024;
        Duration t = TimeModel.plain(NetworkProfile.DIALUP).time(new WireStats(tenMb, 0, 0, 0, 0));
        // 10485760 × 8 / 49000 s = 1711.960816326530... s, rounded half up to the nanosecond
        assertEquals(Duration.ofSeconds(1711, 960_816_327), t);
    }

    @Test
    void satelliteRoundTripsDominateSmallSessions() {
        // a POP3 check with nothing new: greeting, USER, PASS, STAT, QUIT = 5 flights, 1 connection
        WireStats empty = new WireStats(120, 40, 5, 4, 1);
        Duration t = TimeModel.plain(NetworkProfile.SATELLITE).time(empty);
        // 6 × 600 ms + 120×8/25e6 s + 40×8/3e6 s = 3.6 s + 38.4 µs + 106.666… µs
        assertEquals(Duration.ofNanos(3_600_000_000L + 38_400 + 106_667), t);
    }

    @Property(tries = 200, seed = "20261127")
    void timeIsAdditiveOverSessionsUpToRounding(@ForAll @LongRange(max = 1L << 34) long down1,
                                                @ForAll @LongRange(max = 1L << 34) long down2,
                                                @ForAll @LongRange(max = 1000) long rt1,
                                                @ForAll @LongRange(max = 1000) long rt2) {
        TimeModel model = TimeModel.plain(NetworkProfile.MOBILE_3G);
        WireStats a = new WireStats(down1, down1 / 7, rt1, rt1, 1);
        WireStats b = new WireStats(down2, down2 / 3, rt2, rt2, 1);
        long separate = model.time(a).plus(model.time(b)).toNanos();
        long together = model.time(a.plus(b)).toNanos();
        // each time is rounded once to the nanosecond: at most one nanosecond of difference per session
        assertEquals(together, separate, 2);
    }

    @Test
    void slowStartCostsTheRoundsTheWindowNeedsToOpen_rfc5681s3_1() {
        // 100 ms RTT at 100 Mbit/s: the bandwidth-delay product is 856 segments, so the window never reaches it
        NetworkProfile net = new NetworkProfile("t", "test", Duration.ofMillis(100), 100_000_000, 100_000_000);
        TimeModel model = new TimeModel(net, 1, Tls.NONE, true);
        // 1 MiB = 719 segments: windows 10+20+40+80+160+320+640 → 7 rounds, 6 beyond the response's own
        assertEquals(6, model.slowStartRtts(new WireStats(1 << 20, 0, 1, 1, 1)));
        // 10 segments fit the initial window: nothing extra
        assertEquals(0, model.slowStartRtts(new WireStats(10 * TimeModel.MSS, 0, 1, 1, 1)));
        // two connections share the octets: 360 segments each → 6 rounds, 5 extra each
        assertEquals(10, model.slowStartRtts(new WireStats(1 << 20, 0, 2, 2, 2)));
        // on a LAN (0.5 ms, 1 Gbit/s) the window (10, 20, 40, 80) reaches the BDP of 43 segments in round 4: 3 extra
        assertEquals(3, new TimeModel(NetworkProfile.LAN, 1, Tls.NONE, true).slowStartRtts(new WireStats(1 << 20, 0, 1, 1, 1)));
        assertEquals(0, TimeModel.plain(net).slowStartRtts(new WireStats(1 << 20, 0, 1, 1, 1)), "off by default");
    }

    @Property(seed = "20261208")
    void timeIsLatencyPlusTransfer(@ForAll @LongRange(min = 0, max = 1L << 40) long down,
                                   @ForAll @LongRange(min = 0, max = 1L << 30) long up,
                                   @ForAll @LongRange(min = 0, max = 100_000) long trips,
                                   @ForAll @LongRange(min = 0, max = 1_000) long connections) {
        for (NetworkProfile p : NetworkProfile.ALL) {
            TimeModel m = new TimeModel(p, 1, Tls.TLS13, true);
            WireStats s = new WireStats(down, up, trips, trips, connections);
            assertEquals(m.time(s), m.latency(s).plus(m.transfer(s)));
        }
    }
}
