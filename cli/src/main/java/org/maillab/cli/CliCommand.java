package org.maillab.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@code maillab} ({@code demo}, {@code serve}, {@code mime}, ...).
 * Each lives in its own class and is listed once in {@link Maillab#COMMANDS}.
 */
public interface CliCommand {

    /** The word typed after {@code maillab}. */
    String name();

    /** One line for {@code maillab --help}. */
    String summary();

    /** The command's own usage text, printed by {@code maillab help NAME} and on bad arguments. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit status: 0 success, 1 failure, 2 bad usage
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
