package org.maillab.simulator.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.report.ClaimJudge;
import org.maillab.simulator.report.Verdict;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.SessionRecord;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.strategy.StrategyFactory;

/**
 * Runs a scenario over a sweep's values and judges its claims at each. RTT and bandwidth do not change
 * what the clients do, only what it costs: the scenario runs once and its sessions are modelled again
 * for each value. Check interval, quota and seed change the sessions: the scenario runs once per value.
 */
public final class SweepRunner {

    /** One value of the sweep: its results and the verdicts they give. */
    public record Point(long value, ScenarioResult result, List<Verdict> verdicts) {
        public Point {
            verdicts = List.copyOf(verdicts);
        }
    }

    private final Simulation.TargetFactory targets;
    private final StrategyFactory strategies;
    private final Simulation.Options options;

    public SweepRunner(Simulation.TargetFactory targets, StrategyFactory strategies, Simulation.Options options) {
        this.targets = targets;
        this.strategies = strategies;
        this.options = options;
    }

    public List<Point> run(Scenario scenario, Sweep sweep, Consumer<String> progress) {
        List<Point> points = new ArrayList<>();
        if (sweep.kind().linkOnly()) {
            progress.accept("running " + scenario.name() + " once; each " + sweep.kind().label() + " re-models its sessions");
            ScenarioResult once = new Simulation(scenario, targets, strategies, options).run();
            for (long v : sweep.values()) {
                ScenarioResult r = remodel(once, sweep.kind(), v);
                points.add(new Point(v, r, ClaimJudge.judge(r)));
            }
            return points;
        }
        for (long v : sweep.values()) {
            progress.accept("running " + scenario.name() + " with " + sweep.kind().label() + " " + sweep.format(v));
            ScenarioResult r = new Simulation(vary(scenario, sweep.kind(), v), targets, strategies, options).run();
            points.add(new Point(v, r, ClaimJudge.judge(r)));
        }
        return points;
    }

    /** The same sessions, each modelled on its device's network with the RTT or bandwidth replaced. */
    static ScenarioResult remodel(ScenarioResult r, Sweep.Kind kind, long value) {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult run : r.runs()) {
            List<SessionRecord> sessions = new ArrayList<>();
            for (SessionRecord s : run.sessions()) {
                NetworkProfile base = NetworkProfile.named(s.network()).orElseThrow();
                NetworkProfile varied = kind == Sweep.Kind.RTT ? base.withRoundTrip(Duration.ofMillis(value))
                        : new NetworkProfile(base.name() + "@" + value + "bps", base.description(), base.roundTrip(), value, value);
                TimeModel model = r.scenario().link().on(varied);
                // "to newest" needs the tap's marks inside a session; it is not modelled again
                sessions.add(new SessionRecord(s.device(), s.label(), s.at(), s.network(), s.stats(), model.time(s.stats()),
                        java.util.Optional.empty(), s.withoutCompression(), model.time(s.withoutCompression())));
            }
            runs.add(new RunResult(run.strategy(), run.status(), run.note(), sessions, run.storage(), run.consistency(),
                    run.lostMessages(), run.quotaRefusals(), run.delivered(), run.couldNotOpen(), run.searches(),
                    run.downloads(), run.redownloads()));
        }
        return new ScenarioResult(r.scenario(), r.target(), r.messages(), runs);
    }

    static Scenario vary(Scenario s, Sweep.Kind kind, long value) {
        return switch (kind) {
            case CHECK -> s.withDevices(s.devices().stream().map(d -> new DeviceSpec(d.name(), d.account(), d.strategy(),
                    Duration.ofSeconds(value), d.checkStart(), d.network(), d.deleteAfter())).toList());
            case QUOTA -> s.withAccounts(s.accounts().stream().map(a -> new AccountSpec(a.name(), a.password(),
                    OptionalLong.of(value), a.quotaMessages())).toList());
            case SEED -> s.withSeed(value);
            default -> s;
        };
    }
}
