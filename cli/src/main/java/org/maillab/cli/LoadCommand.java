package org.maillab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.maillab.load.Account;
import org.maillab.load.LoadConfig;
import org.maillab.load.LoadGenerator;
import org.maillab.load.LoadReport;
import org.maillab.load.LoadTarget;

/** {@code maillab load}: concurrent IMAP clients against a server on this machine, with latency figures. */
final class LoadCommand implements CliCommand {

    /** Without --duration or --commands a run lasts this long. */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** With --commands but no --duration, a run still ends after this long. */
    static final Duration COMMANDS_TIME_CAP = Duration.ofMinutes(5);

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "run concurrent IMAP clients against a local server; commands/s and latency percentiles";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: maillab load --target imap://HOST:PORT --user NAME --password SECRET [OPTIONS]",
                "",
                "N clients each loop over sessions: LOGIN, SELECT INBOX, a seeded mix of FETCH (FLAGS ENVELOPE),",
                "FETCH BODY.PEEK[] (whole and partial), STORE flags, SEARCH, APPEND and EXPUNGE, then LOGOUT.",
                "Prints commands per second and latency percentiles (p50 p90 p99 max) per command type.",
                "",
                "  --target URI          imap://HOST:PORT; only this machine: localhost, 127.0.0.0/8, [::1]",
                "  --user NAMES          login(s); repeatable, comma-separated, 'load{1..20}' expands to",
                "                        load1..load20; clients are spread over them round-robin",
                "  --password SECRET     the password of every --user",
                "  --clients N           concurrent connections (default 4, at most " + LoadConfig.MAX_CLIENTS + ")",
                "  --duration S          seconds before no new command starts (default 10; at most 3600)",
                "  --commands N          send exactly N commands in all, LOGIN and LOGOUT included",
                "                        (without --duration such a run still stops after 300 s)",
                "  --seed N              seeds the clients' choices and the appended mail (default 1)",
                "  --fill N              first APPEND until each INBOX holds N messages (not measured; default 0)",
                "",
                "Example, against 'maillab serve':",
                "  maillab load --target imap://127.0.0.1:1143 --user alice --password alice-secret \\",
                "               --clients 8 --duration 20 --fill 200");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(usage());
            return 0;
        }
        LoadConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("maillab load: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        out.println("maillab load: " + config.clients() + " clients against " + config.target() + " as "
                + config.accounts() + (config.commands() > 0 ? ", " + config.commands() + " commands" : "")
                + ", at most " + config.duration().toSeconds() + " s, seed " + config.seed());
        LoadReport report;
        try {
            report = LoadGenerator.run(config);
        } catch (IOException e) {
            err.println("maillab load: " + e.getMessage());
            return 1;
        }
        out.print(report.format());
        return report.errors() == 0 ? 0 : 1;
    }

    static LoadConfig parse(List<String> args) {
        LoadTarget target = null;
        List<String> users = new ArrayList<>();
        String password = null;
        int clients = 4;
        Duration duration = null;
        long commands = 0;
        long seed = 1;
        int fill = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--target" -> target = LoadTarget.parse(value(args, ++i, arg));
                case "--user" -> users.addAll(Account.expand(value(args, ++i, arg)));
                case "--password" -> password = value(args, ++i, arg);
                case "--clients" -> clients = (int) number(value(args, ++i, arg), arg, 1, LoadConfig.MAX_CLIENTS);
                case "--duration" -> duration = Duration.ofSeconds(number(value(args, ++i, arg), arg, 1, 3600));
                case "--commands" -> commands = number(value(args, ++i, arg), arg, 1, LoadConfig.MAX_COMMANDS);
                case "--seed" -> seed = number(value(args, ++i, arg), arg, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--fill" -> fill = (int) number(value(args, ++i, arg), arg, 0, LoadConfig.MAX_FILL);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("--target imap://HOST:PORT is required");
        }
        if (users.isEmpty() || password == null) {
            throw new IllegalArgumentException("--user and --password are required");
        }
        if (duration == null) {
            duration = commands > 0 ? COMMANDS_TIME_CAP : DEFAULT_DURATION;
        }
        String secret = password;
        return new LoadConfig(target, users.stream().map(u -> new Account(u, secret)).toList(), clients, duration,
                commands, seed, fill);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static long number(String text, String option, long min, long max) {
        try {
            long n = Long.parseLong(text);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a number " + min + ".." + max + ", got '" + text + "'");
        }
    }
}
