package org.maillab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.run.StandardScenarios;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.strategy.Strategies;

/**
 * {@code maillab demo}: runs the standard scenarios against MailLab's own servers, prints the table and
 * the verdicts, and writes the report files.
 */
final class DemoCommand implements CliCommand {

    static final Path DEFAULT_OUT = Path.of("maillab-report");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the standard scenarios, print the comparison, write the HTML report";
    }

    @Override
    public String usage() {
        return """
                Usage: maillab demo [--out DIR] [--only NAME,NAME...] [--seed N] [--network NAME] [--list]

                Runs MailLab's standard scenarios, each with every strategy, against MailLab's own
                POP3/IMAP servers started on 127.0.0.1. Prints a table and, for each claim of the
                source article a scenario tests, a verdict computed from the measurements; writes
                report.html, report.json and report.csv.

                  --out DIR        where to write the report (default ./maillab-report)
                  --only NAMES     run only these scenarios (comma-separated)
                  --seed N         use this seed instead of each scenario's own
                  --network NAME   put every device on this network (%s)
                  --list           list the standard scenarios and exit
                """.formatted(NetworkProfile.names());
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, err);
        if (options == null) {
            err.println(usage());
            return 2;
        }
        if (options.list) {
            for (String name : StandardScenarios.NAMES) {
                Scenario s = StandardScenarios.load(name);
                out.printf("  %-16s %s (claims %s)%n", name, s.title(), String.join(" ", s.claims()));
            }
            return 0;
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : options.only.isEmpty() ? StandardScenarios.NAMES : options.only) {
            if (!StandardScenarios.NAMES.contains(name)) {
                err.println("maillab demo: no standard scenario named '" + name + "' (try --list)");
                return 2;
            }
            scenarios.add(RunSupport.adjust(StandardScenarios.load(name), options.seed, options.network));
        }
        List<ScenarioResult> results = new ArrayList<>();
        int i = 0;
        for (Scenario scenario : scenarios) {
            i++;
            String prefix = "[" + i + "/" + scenarios.size() + "] ";
            results.add(new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                    Strategies.standard(), new Simulation.Options(10_000, Simulation.Options.defaults().source(),
                    line -> out.println(prefix + line))).run());
        }
        return RunSupport.finish(results, options.out, out, err);
    }

    /** The demo's options. */
    private record Options(Path out, List<String> only, Optional<Long> seed, Optional<String> network, boolean list) {

        static Options parse(List<String> args, PrintStream err) {
            Path out = DEFAULT_OUT;
            List<String> only = List.of();
            Optional<Long> seed = Optional.empty();
            Optional<String> network = Optional.empty();
            boolean list = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                boolean hasValue = i + 1 < args.size();
                switch (a) {
                    case "--list" -> list = true;
                    case "--out", "--only", "--seed", "--network" -> {
                        if (!hasValue) {
                            err.println("maillab demo: " + a + " needs a value");
                            return null;
                        }
                        String v = args.get(++i);
                        switch (a) {
                            case "--out" -> out = Path.of(v);
                            case "--only" -> only = List.of(v.split(","));
                            case "--seed" -> {
                                seed = RunSupport.parseSeed(v, err);
                                if (seed.isEmpty()) {
                                    return null;
                                }
                            }
                            default -> {
                                network = RunSupport.parseNetwork(v, err);
                                if (network.isEmpty()) {
                                    return null;
                                }
                            }
                        }
                    }
                    default -> {
                        err.println("maillab demo: unknown option '" + a + "'");
                        return null;
                    }
                }
            }
            return new Options(out, only, seed, network, list);
        }
    }
}
