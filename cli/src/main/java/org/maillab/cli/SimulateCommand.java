package org.maillab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.servers.RemoteTarget;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.run.StandardScenarios;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioError;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.strategy.Strategies;

/** {@code maillab simulate FILE}: runs one scenario file, against MailLab's servers or another target. */
final class SimulateCommand implements CliCommand {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "run one scenario file against MailLab's servers or another target";
    }

    @Override
    public String usage() {
        return """
                Usage: maillab simulate FILE [--network NAME] [--seed N] [--compress] [--out DIR] [--timeout SECONDS]
                                        [--target pop3://HOST:PORT] [--target imap://HOST:PORT]
                                        [--user U --password P --maildir DIR [--maildir-owner USER]]

                Runs the scenario in FILE (or a standard scenario by name, see 'maillab demo --list')
                once per strategy it compares. The file format is in docs/scenario-format.md; a file
                with mistakes is not run, and every mistake is reported with its line.

                By default MailLab's own servers are started on 127.0.0.1. With --target the scenario
                runs against another server (Dovecot, a student's server): give the login with --user
                and --password, and with --maildir the account's Maildir, where the simulator delivers
                the scenario's mail and which it EMPTIES before each strategy's run (use a test account).
                With --maildir-owner, delivered files are given to that system user (e.g. vmail), for
                a server that runs as another user than the simulator.

                  --network NAME   put every device on this network
                  --seed N         use this seed instead of the scenario's
                  --compress       IMAP sessions use COMPRESS=DEFLATE (RFC 4978) when the server offers
                                   it; the report compares the bytes and modelled time without it (C19)
                  --out DIR        where to write the report (default ./maillab-report)
                  --timeout S      how long to wait for a server's answer (default 10)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(args, err);
        if (a == null) {
            err.println(usage());
            return 2;
        }
        Optional<Scenario> loaded = load(a.file, err);
        if (loaded.isEmpty()) {
            return 1;
        }
        Scenario scenario = RunSupport.adjust(loaded.get(), a.seed, a.network);
        if (a.compress) {
            scenario = scenario.withCompress(true);
        }
        Simulation.TargetFactory targets;
        if (a.pop3.isEmpty() && a.imap.isEmpty()) {
            targets = () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap());
        } else {
            if (a.user == null || a.password == null || a.maildir == null) {
                err.println("maillab simulate: --target needs --user, --password and --maildir");
                return 2;
            }
            if (scenario.accounts().size() != 1) {
                err.println("maillab simulate: against a --target, a scenario may have one account only (this one has "
                        + scenario.accounts().size() + ")");
                return 2;
            }
            ServerTarget.Credentials login = new ServerTarget.Credentials(a.user, a.password);
            java.util.function.Consumer<Path> handOver = a.owner == null ? p -> { } : p -> RemoteTarget.chown(p, a.owner);
            targets = () -> new RemoteTarget(a.pop3, a.imap, login, a.maildir, handOver);
        }
        var result = new Simulation(scenario, targets, Strategies.standard(),
                new Simulation.Options(a.timeoutSeconds * 1000, Simulation.Options.defaults().source(), out::println)).run();
        return RunSupport.finish(List.of(result), a.out, out, err);
    }

    static Optional<Scenario> load(String file, PrintStream err) throws IOException {
        Path path = Path.of(file);
        String text;
        if (Files.isRegularFile(path)) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
            } catch (CharacterCodingException e) {
                err.println(file + ": not UTF-8 text");
                return Optional.empty();
            }
        } else if (StandardScenarios.NAMES.contains(file)) {
            text = StandardScenarios.text(file);
        } else {
            err.println("maillab simulate: no such file: " + file);
            return Optional.empty();
        }
        ParseResult parsed = ScenarioParser.parse(text);
        if (parsed instanceof ParseResult.Rejected rejected) {
            for (ScenarioError e : rejected.errors()) {
                err.println(file + ":" + e.line() + ": " + e.message());
            }
            err.println(file + ": " + rejected.errors().size() + " error(s); nothing was run.");
            return Optional.empty();
        }
        return Optional.of(((ParseResult.Parsed) parsed).scenario());
    }

    /** The command's arguments. */
    private static final class Args {
        String file;
        Optional<Long> seed = Optional.empty();
        boolean compress;
        Optional<String> network = Optional.empty();
        Path out = DemoCommand.DEFAULT_OUT;
        int timeoutSeconds = 10;
        Optional<ServerTarget.Endpoint> pop3 = Optional.empty();
        Optional<ServerTarget.Endpoint> imap = Optional.empty();
        String user;
        String password;
        Path maildir;
        String owner;

        static Args parse(List<String> args, PrintStream err) {
            Args a = new Args();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--")) {
                    if (a.file != null) {
                        err.println("maillab simulate: one scenario file at a time");
                        return null;
                    }
                    a.file = arg;
                    continue;
                }
                if (arg.equals("--compress")) {
                    a.compress = true; // the only option without a value
                    continue;
                }
                if (i + 1 >= args.size()) {
                    err.println("maillab simulate: " + arg + " needs a value");
                    return null;
                }
                String v = args.get(++i);
                switch (arg) {
                    case "--seed" -> {
                        a.seed = RunSupport.parseSeed(v, err);
                        if (a.seed.isEmpty()) {
                            return null;
                        }
                    }
                    case "--network" -> {
                        a.network = RunSupport.parseNetwork(v, err);
                        if (a.network.isEmpty()) {
                            return null;
                        }
                    }
                    case "--out" -> a.out = Path.of(v);
                    case "--timeout" -> {
                        try {
                            a.timeoutSeconds = Integer.parseInt(v);
                            if (a.timeoutSeconds < 1 || a.timeoutSeconds > 3600) {
                                throw new NumberFormatException();
                            }
                        } catch (NumberFormatException e) {
                            err.println("maillab simulate: --timeout needs seconds between 1 and 3600");
                            return null;
                        }
                    }
                    case "--target" -> {
                        Optional<ServerTarget.Endpoint> e = RemoteTarget.parseEndpoint(v);
                        if (e.isEmpty()) {
                            err.println("maillab simulate: --target needs pop3://HOST:PORT or imap://HOST:PORT, not '" + v + "'");
                            return null;
                        }
                        if (e.get().protocol().equals("pop3")) {
                            a.pop3 = e;
                        } else {
                            a.imap = e;
                        }
                    }
                    case "--user" -> a.user = v;
                    case "--password" -> a.password = v;
                    case "--maildir" -> a.maildir = Path.of(v);
                    case "--maildir-owner" -> a.owner = v;
                    default -> {
                        err.println("maillab simulate: unknown option '" + arg + "'");
                        return null;
                    }
                }
            }
            if (a.file == null) {
                err.println("maillab simulate: which scenario file?");
                return null;
            }
            return a;
        }
    }
}
