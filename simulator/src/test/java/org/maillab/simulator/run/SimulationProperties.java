package org.maillab.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.AttachmentSpec;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.scenario.EventSpec;
import org.maillab.simulator.scenario.MailSpec;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.Selector;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.strategy.Strategies;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;

/** Generated small scenarios, run for real: every run completes and its measures add up. */
class SimulationProperties {

    @Property(tries = 6, seed = "20261127")
    void anyValidScenarioRunsToTheEndWithConsistentMeasures(@ForAll("scenarios") Scenario scenario) {
        ScenarioResult r = new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), Simulation.Options.defaults()).run();
        int planned = r.messages();
        for (RunResult run : r.runs()) {
            assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
            assertEquals(planned, run.delivered() + run.quotaRefusals(), "every planned message is delivered or refused");
            assertEquals(run.sessions().stream().map(SessionRecord::stats).reduce(WireStats.ZERO, WireStats::plus), run.totals());
            assertTrue(run.lostMessages() <= run.delivered());
            assertTrue(run.downloads() >= run.redownloads());
            assertEquals(0, run.redownloads(), "neither POP3 strategy fetches a message twice from MailLab's server");
            if (run.strategy() == StrategyName.POP3_DELETE) {
                assertTrue(run.storage().stream().allMatch(s -> s.server() >= 0));
            }
            for (int i = 1; i < run.storage().size(); i++) {
                assertTrue(run.storage().get(i).at().compareTo(run.storage().get(i - 1).at()) > 0, "samples in time order");
            }
        }
    }

    private static Arbitrary<Selector> selectors() {
        return Combinators.combine(Arbitraries.of(Selector.Kind.class), Arbitraries.integers().between(1, 4))
                .as((k, n) -> k == Selector.Kind.NEWEST || k == Selector.Kind.OLDEST ? new Selector(k, n) : new Selector(k, 1));
    }

    private static Arbitrary<Action> actions() {
        return Arbitraries.oneOf(
                Combinators.combine(selectors(), Arbitraries.of(true, false)).as(Action.Open::new),
                selectors().map(Action.MarkRead::new), selectors().map(Action.Flag::new),
                selectors().map(Action.Answer::new), selectors().map(Action.Delete::new),
                selectors().map(s -> new Action.Move(s, "Archive")),
                Arbitraries.of("invoice", "re:", "example").map(Action.Search::new),
                Arbitraries.of(new Action.Check(), new Action.Fail(), new Action.GoOffline(), new Action.GoOnline()));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Duration> times = Arbitraries.integers().between(0, 12 * 60).map(m -> Duration.ofMinutes(m));
        Arbitrary<MailSpec> mail = Combinators.combine(Arbitraries.integers().between(1, 8), times,
                        Arbitraries.integers().between(0, 90).map(m -> Duration.ofMinutes(m)),
                        Arbitraries.longs().between(200, 20_000),
                        Arbitraries.of(List.<AttachmentSpec>of(), List.of(new AttachmentSpec("image/png", 30_000))),
                        Arbitraries.integers().between(0, 3))
                .as((count, start, every, size, attach, threads) -> new MailSpec("a", count, start, every, size, size * 2,
                        attach, List.of(), "", threads));
        Arbitrary<DeviceSpec> device = Combinators.combine(Arbitraries.of("laptop", "phone", "tablet"),
                        Arbitraries.integers().between(0, 4).map(h -> Duration.ofHours(h)), times,
                        Arbitraries.of("lan", "3g", "dialup").optional(),
                        Arbitraries.integers().between(1, 12).map(h -> Duration.ofHours(h)).optional())
                .as((name, every, start, net, deleteAfter) -> new DeviceSpec(name, "a", Optional.empty(), every, start, net, deleteAfter));
        return Combinators.combine(Arbitraries.longs(), mail.list().ofMinSize(1).ofMaxSize(3),
                        device.list().ofMinSize(1).ofMaxSize(3).uniqueElements(DeviceSpec::name),
                        Arbitraries.longs().between(20_000, 2_000_000).optional())
                .flatAs((seed, mails, devices, quota) -> Combinators.combine(times,
                                Arbitraries.of(devices.stream().map(DeviceSpec::name).toList()), actions())
                        .as((at, dev, act) -> new EventSpec(at, dev, act, 0)).list().ofMaxSize(8)
                        .map(events -> new Scenario("generated", "generated", List.of("C1", "C11"), seed, Duration.ofHours(14),
                                "broadband", List.of(StrategyName.POP3_DELETE, StrategyName.POP3_KEEP),
                                List.of(new AccountSpec("a", "secret", quota.map(OptionalLong::of).orElse(OptionalLong.empty()),
                                        OptionalLong.empty())), mails, devices, events)));
    }
}
