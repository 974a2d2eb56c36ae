package org.maillab.mailstore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The expunge log behind QRESYNC's VANISHED (EARLIER) (RFC 7162 §3.2.5.1, §5.3): it may name UIDs expunged
 * before the client's mod-sequence (§5.1 allows it) but never misses one expunged after, and stays
 * bounded.
 */
class ExpungeLogTest {

    @Test
    void consecutiveUidsShareOneRangeWithTheNewestModSeq() {
        ExpungeLog log = new ExpungeLog(0);
        log.add(5, 10);
        log.add(7, 12);
        log.add(6, 11); // joins 5 and 7
        log.add(20, 13);
        assertEquals(List.of(new ExpungeLog.Range(5, 7, 12), new ExpungeLog.Range(20, 20, 13)), log.ranges());
        assertTrue(log.expungedSince(5, 11), "5 shares a range with 7, expunged at 12: named again, harmlessly");
        assertFalse(log.expungedSince(5, 12));
        assertFalse(log.expungedSince(8, 0), "8 was never expunged");
        assertTrue(log.expungedSince(20, 12));
    }

    @Test
    void rangesReadBackMergeWithTheirNeighbours() {
        ExpungeLog log = new ExpungeLog(0);
        log.add(new ExpungeLog.Range(1, 100, 7));
        log.add(new ExpungeLog.Range(101, 200, 9));
        log.add(new ExpungeLog.Range(50, 60, 3)); // inside: keeps the newer mod-sequence
        assertEquals(List.of(new ExpungeLog.Range(1, 200, 9)), log.ranges());
    }

    @Test
    void beyondTheBoundTheOlderHalfIsForgottenIntoTheFloor() {
        ExpungeLog log = new ExpungeLog(0, 4);
        for (long uid = 2; uid <= 10; uid += 2) { // five scattered UIDs at mod-sequences 1..5
            log.add(uid, uid / 2);
        }
        assertEquals(2, log.floor());
        assertEquals(List.of(new ExpungeLog.Range(6, 6, 3), new ExpungeLog.Range(8, 8, 4),
                new ExpungeLog.Range(10, 10, 5)), log.ranges());
        assertTrue(log.expungedSince(3, 1), "below the floor every absent UID may have gone since");
        assertFalse(log.expungedSince(2, 2), "a client at the floor knew of everything forgotten");
        assertTrue(log.expungedSince(6, 2));
        log.add(1, 2); // at or below the floor: nothing to remember
        assertEquals(3, log.ranges().size());
    }

    @Test
    void anOldSnapshotsLogKnowsNothingBeforeItsFloor() {
        ExpungeLog log = new ExpungeLog(40);
        assertTrue(log.expungedSince(3, 39));
        assertFalse(log.expungedSince(3, 40));
    }

    /** Expunges of distinct UIDs at rising mod-sequences; every query of every UID and mod-sequence. */
    @Property(tries = 200, seed = "20261127")
    void neverMissesAUidExpungedAfterTheModSeqAndStaysBounded(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 80) Integer> uids,
            @ForAll @IntRange(min = 1, max = 8) int maxRanges) {
        ExpungeLog log = new ExpungeLog(0, maxRanges);
        Map<Long, Long> expungedAt = new HashMap<>();
        long modSeq = 0;
        for (int uid : new LinkedHashSet<>(uids)) {
            modSeq += 1 + uid % 3;
            log.add(uid, modSeq);
            expungedAt.put((long) uid, modSeq);
            assertTrue(log.ranges().size() <= maxRanges);
        }
        ExpungeLog reloaded = new ExpungeLog(log.floor(), maxRanges);
        new ArrayList<>(log.ranges()).forEach(reloaded::add);
        for (long uid = 1; uid <= 81; uid++) {
            for (long q = 0; q <= modSeq; q++) {
                Long at = expungedAt.get(uid);
                boolean named = log.expungedSince(uid, q);
                if (at != null && at > q) {
                    assertTrue(named, "UID " + uid + " expunged at " + at + " missed for " + q);
                }
                if (at == null && q >= log.floor()) {
                    assertFalse(named, "UID " + uid + " was never expunged");
                }
                assertEquals(named, reloaded.expungedSince(uid, q), "the log read back answers the same");
            }
        }
    }
}
