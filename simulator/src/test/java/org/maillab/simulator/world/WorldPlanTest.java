package org.maillab.simulator.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.run.StandardScenarios;
import org.maillab.simulator.scenario.Scenario;

class WorldPlanTest {

    @Test
    void theSameSeedPlansTheSameMailAndAnotherSeedOtherMail() {
        Scenario daily = StandardScenarios.load("daily");
        assertEquals(WorldPlan.of(daily), WorldPlan.of(daily));
        assertNotEquals(WorldPlan.of(daily), WorldPlan.of(daily.withSeed(daily.seed() + 1)));
    }

    @Test
    void messagesComeInArrivalOrderNumberedFromOne() {
        WorldPlan plan = WorldPlan.of(StandardScenarios.load("daily"));
        Duration previous = Duration.ZERO;
        for (int i = 0; i < plan.messages().size(); i++) {
            GeneratedMessage m = plan.messages().get(i);
            assertEquals(i + 1, m.number());
            assertTrue(m.arrival().compareTo(previous) >= 0);
            previous = m.arrival();
        }
    }

    @Test
    void sizesStayWithinTheirRangeAndMostAreSmall() {
        Random random = new Random(5);
        int small = 0;
        for (int i = 0; i < 1000; i++) {
            long size = WorldPlan.logUniform(random, 1024, 102_400);
            assertTrue(size >= 1024 && size <= 102_400);
            if (size < 10_240) {
                small++;
            }
        }
        // log-uniform over two decades: half the mass lies in the first decade (1-10 KB)
        assertTrue(small > 400 && small < 600, "small: " + small);
    }

    @Test
    void threadsGiveRepliesThatPointAtTheirThreadsFirstMessage() {
        WorldPlan plan = WorldPlan.of(StandardScenarios.load("shared-inbox"));
        long replies = plan.messages().stream().filter(m -> !m.inReplyTo().isEmpty()).count();
        assertTrue(replies > 0);
        plan.messages().stream().filter(m -> !m.inReplyTo().isEmpty()).forEach(m -> {
            assertTrue(m.subject().startsWith("Re: "));
            assertTrue(plan.messages().stream().anyMatch(root -> root.messageId().equals(m.inReplyTo())));
        });
    }
}
