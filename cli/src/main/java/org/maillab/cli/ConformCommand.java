package org.maillab.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.maillab.labkit.ConformReport;
import org.maillab.labkit.Delivery;
import org.maillab.labkit.ImapDelivery;
import org.maillab.labkit.Pop3Conformance;

/**
 * {@code maillab conform pop3://HOST:PORT --user U --password P [--deliver imap://HOST:PORT] [--json]
 * [--junit FILE]}: grades a POP3 server with RFC-cited checks (the {@code labkit} module).
 */
public final class ConformCommand implements CliCommand {

    @Override
    public String name() {
        return "conform";
    }

    @Override
    public String summary() {
        return "grade a POP3 server with RFC-cited checks (human report, JSON, JUnit XML)";
    }

    @Override
    public String usage() {
        return """
                Usage: maillab conform pop3://HOST:PORT --user NAME --password SECRET [OPTIONS]

                Runs RFC 1939 and RFC 2449 (CAPA) checks against a POP3 server. Each check names its
                RFC section and whether the rule is a MUST, SHOULD or MAY; the exit status is 1 when a
                MUST check fails. A check for something the server does not offer is skipped.

                  --deliver imap://HOST:PORT  put 3 test messages into INBOX by IMAP APPEND (same login)
                                              so the checks that need mail run; they are removed at the
                                              end with DELE and QUIT. Without it those checks are skipped.
                  --json                      print the results as one JSON object instead of the report
                  --junit FILE                also write JUnit XML (one testcase per check) to FILE

                Example:
                  maillab conform pop3://127.0.0.1:1110 --user alice --password alice-secret \\
                      --deliver imap://127.0.0.1:1143 --junit conform.xml""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String url = null;
        String user = null;
        String password = null;
        String deliver = null;
        String junit = null;
        boolean json = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--help", "-h" -> {
                        out.println(usage());
                        return 0;
                    }
                    case "--user" -> user = value(args, ++i, arg);
                    case "--password" -> password = value(args, ++i, arg);
                    case "--deliver" -> deliver = value(args, ++i, arg);
                    case "--junit" -> junit = value(args, ++i, arg);
                    case "--json" -> json = true;
                    default -> {
                        if (arg.startsWith("--") || url != null) {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                        url = arg;
                    }
                }
            }
            if (url == null || user == null || password == null) {
                throw new IllegalArgumentException("a pop3:// URL, --user and --password are required");
            }
            URI pop3 = endpoint(url, "pop3");
            Optional<Delivery> delivery = Optional.empty();
            if (deliver != null) {
                URI imap = endpoint(deliver, "imap");
                delivery = Optional.of(new ImapDelivery(imap.getHost(), imap.getPort(), user, password));
            }
            PrintStream notes = json ? err : out;
            Pop3Conformance conformance = new Pop3Conformance(
                    new Pop3Conformance.Target(pop3.getHost(), pop3.getPort(), user, password), delivery,
                    note -> notes.println("conform: " + note), Long.toString(Instant.now().toEpochMilli()));
            ConformReport report = new ConformReport(url, conformance.run());
            if (json) {
                report.writeJson(out);
            } else {
                report.writeText(out);
            }
            if (junit != null) {
                Files.writeString(Path.of(junit), report.junitXml(), StandardCharsets.UTF_8);
            }
            return report.mustFailed() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            err.println("maillab conform: " + e.getMessage());
            err.println(usage());
            return 2;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** {@code scheme://HOST:PORT} with nothing else; the port is required (no guessing 110 vs 1110). */
    static URI endpoint(String text, String scheme) {
        try {
            URI uri = new URI(text);
            if (!scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                    || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
                throw new IllegalArgumentException("expected " + scheme + "://HOST:PORT, got " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected " + scheme + "://HOST:PORT, got " + text);
        }
    }
}
