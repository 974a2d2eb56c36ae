package org.maillab.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The {@code maillab} command line: dispatches to one {@link CliCommand} per subcommand. */
public final class Maillab {

    static final List<CliCommand> COMMANDS = List.of(
            new DemoCommand(),
            new SimulateCommand(),
            new SweepCommand(),
            new ServeCommand(),
            new DeliverCommand(),
            new LoadCommand(),
            new ConformCommand(),
            new MimeCommand());

    private Maillab() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() == 2 && args.get(0).equals("help")) {
            Optional<CliCommand> command = find(args.get(1));
            if (command.isEmpty()) {
                return unknown(args.get(1), err);
            }
            out.println(command.get().usage());
            return 0;
        }
        if (args.isEmpty() || isHelp(args.get(0))) {
            printHelp(out);
            return args.isEmpty() ? 2 : 0;
        }
        Optional<CliCommand> command = find(args.get(0));
        if (command.isEmpty()) {
            return unknown(args.get(0), err);
        }
        return command.get().run(args.subList(1, args.size()), out, err);
    }

    private static int unknown(String name, PrintStream err) {
        err.println("maillab: unknown command '" + name + "'. Try 'maillab --help'.");
        return 2;
    }

    private static Optional<CliCommand> find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static void printHelp(PrintStream out) {
        out.println("MailLab: POP3, IMAP and SMTP, servers and clients, written from the RFCs.");
        out.println();
        out.println("Usage: maillab COMMAND [ARGS...]");
        out.println();
        out.println("Commands:");
        for (CliCommand command : COMMANDS) {
            out.printf("  %-10s %s%n", command.name(), command.summary());
        }
        out.println();
        out.println("'maillab help COMMAND' shows a command's options.");
    }
}
