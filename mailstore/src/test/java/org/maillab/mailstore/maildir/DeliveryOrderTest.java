package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {

    @Test
    void microsecondsCompareAsNumbersWithinOneSecond() {
        // Dovecot's names in the order it delivered them; as strings, M95000 would sort last
        List<String> names = new ArrayList<>(List.of(
                "1795731353.M838426P14933.vm,S=175,W=182",
                "1795731353.M95000P14933.vm,S=175,W=182",
                "1795731354.M1P14933.vm"));
        names.sort(DeliveryOrder.INSTANCE);
        assertEquals(List.of(
                "1795731353.M95000P14933.vm,S=175,W=182",
                "1795731353.M838426P14933.vm,S=175,W=182",
                "1795731354.M1P14933.vm"), names);
    }

    @Test
    void secondsCompareAsNumbers() {
        List<String> names = new ArrayList<>(List.of("1000000000.M5P1.h", "999999999.M5P1.h"));
        names.sort(DeliveryOrder.INSTANCE);
        assertEquals(List.of("999999999.M5P1.h", "1000000000.M5P1.h"), names);
    }

    @Test
    void namesWithoutATimeComeLastInStringOrder() {
        List<String> names = new ArrayList<>(List.of("zeta", "1795731353.P1.h", "alpha", "1795731353.M2P1.h"));
        names.sort(DeliveryOrder.INSTANCE);
        assertEquals(List.of("1795731353.P1.h", "1795731353.M2P1.h", "alpha", "zeta"), names);
    }
}
