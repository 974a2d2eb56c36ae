package org.maillab.cli;

import java.io.PrintStream;
import java.util.List;

/** A command that is planned but not built yet: it says so instead of pretending. */
record NotYetCommand(String name, String summary) implements CliCommand {

    @Override
    public String usage() {
        return "maillab " + name + ": " + summary + " (not yet available)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        err.println("maillab " + name + ": not yet — this command arrives with a later issue.");
        return 1;
    }
}
