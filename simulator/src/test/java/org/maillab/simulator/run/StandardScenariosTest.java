package org.maillab.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.scenario.Scenario;

class StandardScenariosTest {

    @Test
    void everyStandardScenarioParsesAndTestsTheClaimsTheIssueAssigns() {
        Map<String, List<String>> expected = Map.of(
                "daily", List.of("C1", "C10"), "three-devices", List.of("C4", "C15"), "hotel", List.of("C9", "C19"),
                "lost-laptop", List.of("C1"), "small-quota", List.of("C2"), "old-message", List.of("C8"),
                "shared-inbox", List.of("C5", "C15"), "traveller", List.of("C12"), "leave-on-server", List.of("C11", "C1"),
                "slow-link-compress", List.of("C19"));
        assertEquals(expected.keySet(), new java.util.HashSet<>(StandardScenarios.NAMES));
        for (String name : StandardScenarios.NAMES) {
            Scenario s = StandardScenarios.load(name);
            assertEquals(name, s.name());
            assertEquals(expected.get(name), s.claims(), name);
            assertFalse(s.title().isBlank());
        }
    }

    @Test
    void theHotelClipIsTenMegabytesOnADialUpLaptop() {
        Scenario hotel = StandardScenarios.load("hotel");
        assertEquals(10L << 20, hotel.mail().get(1).attachments().get(0).size());
        assertEquals("dialup", hotel.networkOf(hotel.device("laptop").orElseThrow()));
    }
}
