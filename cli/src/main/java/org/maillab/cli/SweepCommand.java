package org.maillab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.strategy.Strategies;
import org.maillab.simulator.sweep.Sweep;
import org.maillab.simulator.sweep.SweepReport;
import org.maillab.simulator.sweep.SweepRunner;

/** {@code maillab sweep SCENARIO --vary NAME=FROM..TO}: one scenario's measures and verdicts over a parameter. */
final class SweepCommand implements CliCommand {

    static final int DEFAULT_STEPS = 12;

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "run one scenario over a range of RTT, bandwidth, check interval, quota or seed";
    }

    @Override
    public String usage() {
        return """
                Usage: maillab sweep SCENARIO --vary NAME=FROM..TO [--steps N] [--out DIR] [--timeout SECONDS]

                Runs SCENARIO (a file or a standard name) against MailLab's own servers for each value of
                one parameter, prints modelled time per strategy and each claim's verdict per value, and
                writes DIR/sweep.csv and DIR/sweep.svg (modelled time against the parameter, with a band of
                verdicts per claim underneath).

                  --vary rtt=20ms..2s        every device's round-trip time (one run, modelled again)
                  --vary bandwidth=56k..100M every device's bandwidth both ways, bits per second (one run)
                  --vary check=5m..4h        every device's check interval (one run per value)
                  --vary quota=1MB..50MB     every account's quota (one run per value)
                  --vary seed=1..10          the seed, i.e. other mail of the same shape (one run per value)
                  --steps N                  how many values (default 12; ranges over a factor of ten or
                                             more are spaced geometrically)
                  --out DIR                  where to write the files (default ./maillab-report)
                  --timeout S                how long to wait for a server's answer (default 10)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        String vary = null;
        int steps = DEFAULT_STEPS;
        Path dir = DemoCommand.DEFAULT_OUT;
        int timeoutSeconds = 10;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (file != null) {
                    err.println("maillab sweep: one scenario at a time");
                    return 2;
                }
                file = arg;
                continue;
            }
            if (i + 1 >= args.size()) {
                err.println("maillab sweep: " + arg + " needs a value");
                return 2;
            }
            String v = args.get(++i);
            switch (arg) {
                case "--vary" -> vary = v;
                case "--out" -> dir = Path.of(v);
                case "--steps", "--timeout" -> {
                    if (!v.matches("\\d{1,4}")) {
                        err.println("maillab sweep: " + arg + " needs a whole number, not '" + v + "'");
                        return 2;
                    }
                    if (arg.equals("--steps")) {
                        steps = Integer.parseInt(v);
                    } else {
                        timeoutSeconds = Integer.parseInt(v);
                    }
                }
                default -> {
                    err.println("maillab sweep: unknown option " + arg);
                    err.println(usage());
                    return 2;
                }
            }
        }
        if (file == null || vary == null) {
            err.println(usage());
            return 2;
        }
        StringBuilder why = new StringBuilder();
        Optional<Sweep> sweep = Sweep.parse(vary, steps, why);
        if (sweep.isEmpty()) {
            err.println("maillab sweep: " + why);
            return 2;
        }
        Optional<Scenario> scenario = SimulateCommand.load(file, err);
        if (scenario.isEmpty()) {
            return 1;
        }
        SweepRunner runner = new SweepRunner(() -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), new Simulation.Options(timeoutSeconds * 1000, Simulation.Options.defaults().source(), line -> { }));
        List<SweepRunner.Point> points = runner.run(scenario.get(), sweep.get(), out::println);
        List<Path> files = SweepReport.write(scenario.get().name(), sweep.get(), points, dir, out);
        out.println();
        out.println("Sweep written:");
        files.forEach(f -> out.println("  " + f.toAbsolutePath().normalize()));
        return 0;
    }
}
