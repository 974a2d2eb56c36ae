package org.maillab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maillab.labkit.FaultyPop3Server.Fault;

/** Each deliberate fault of {@link FaultyPop3Server} is caught by the check named for it. */
class FaultInjectionTest {

    static List<CheckResult> conform(FaultyPop3Server server) {
        return new Pop3Conformance(new Pop3Conformance.Target("127.0.0.1", server.port(), FaultyPop3Server.USER,
                FaultyPop3Server.PASSWORD), Optional.of(server::deliver), n -> { }, "fault").run();
    }

    static CheckResult find(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void withoutFaultsTheTinyServerPassesEveryCheckItOffers() throws Exception {
        try (FaultyPop3Server server = FaultyPop3Server.start(Set.of())) {
            List<CheckResult> results = conform(server);
            // it sends no APOP timestamp, so that check is skipped; all else passes
            assertEquals(List.of("greeting.apop-timestamp"), results.stream()
                    .filter(r -> r.outcome() != Outcome.PASS).map(CheckResult::id).toList(), results.toString());
            assertEquals(0, server.size(), "the test mail was removed");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "DELE_WITHOUT_QUIT,     update.none-without-quit",
            "RSET_KEEPS_MARKS,      rset.unmarks",
            "WRONG_LIST_OCTETS,     retr.octets-match-list",
            "NO_DOT_STUFFING,       retr.dot-stuffing",
            "UIDL_CHANGES,          uidl.stable",
            "NO_ERR_FOR_BAD_NUMBER, errors.bad-message-number"})
    void eachFaultIsCaughtByItsCheckAndFailsTheRun(Fault fault, String check) throws Exception {
        try (FaultyPop3Server server = FaultyPop3Server.start(Set.of(fault))) {
            List<CheckResult> results = conform(server);
            CheckResult caught = find(results, check);
            assertEquals(Outcome.FAIL, caught.outcome(), results.toString());
            assertEquals(Level.MUST, caught.level());
            assertTrue(new ConformReport("pop3://faulty", results).mustFailed());
        }
    }
}
