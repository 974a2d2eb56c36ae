package org.maillab.smtp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real programs the interop tests talk to; skips where one is missing, except under CI. */
final class Programs {

    private Programs() {
    }

    /** Skips the test if {@code program} is not on the PATH; under {@code CI=true} fails instead (.ci/run installs it). */
    static void assumeInstalled(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(program + " is required under CI: .ci/run installs it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, program + " not installed");
    }

    /** Runs {@code command} with {@code input} on its standard input; returns exit code and output. */
    static Result run(List<String> command, byte[] input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(input);
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {
        Result assertSuccess() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ":\n" + output);
            }
            return this;
        }
    }
}
