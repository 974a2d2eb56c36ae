package org.maillab.mailstore.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Dovecot (Debian's packages) on loopback, for interop tests and side-by-side benchmarks.
 *
 * <p>It fills in {@code testing/dovecot/dovecot.conf.template} with a private directory, free
 * 127.0.0.1 ports and a data directory, runs {@code dovecot -F} as a child process (so it dies with
 * the test), and waits for the master's "starting up" line, which Dovecot logs after it has bound its
 * listeners. Users {@code alice}, {@code bob}, {@code carol}, password {@value #PASSWORD}.
 */
public final class DovecotServer implements AutoCloseable {

    public static final String PASSWORD = "secret";

    private static final String DOVECOT = "/usr/sbin/dovecot";
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path base;
    private final Path data;
    private final Map<String, Integer> ports;

    private DovecotServer(Process process, Path base, Path data, Map<String, Integer> ports) {
        this.process = process;
        this.base = base;
        this.data = data;
        this.ports = ports;
    }

    /** Whether Dovecot can be started here: installed, and this JVM runs as root. */
    public static boolean available() {
        return Files.isExecutable(Path.of(DOVECOT)) && "root".equals(System.getProperty("user.name"));
    }

    /**
     * Skips the calling test where Dovecot cannot run, but fails it under CI ({@code CI=true}), where
     * {@code .ci/run} installs Dovecot: an interop test must not silently stop running.
     */
    public static void assumeAvailable() {
        if (available()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("Dovecot is required under CI: .ci/run installs dovecot-imapd and dovecot-pop3d");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, "Dovecot not installed or not running as root");
    }

    /** Starts an instance whose users' mail lives under {@code dataDir}/USER/Maildir. */
    public static DovecotServer start(Path dataDir) throws IOException {
        return start(dataDir, "");
    }

    /**
     * Like {@link #start(Path)}, with {@code extraConfig} appended to the configuration, e.g. a plugin
     * one test needs (the quota plugin) that the others should not pay for.
     */
    public static DovecotServer start(Path dataDir, String extraConfig) throws IOException {
        return start(dataDir, extraConfig, List.of());
    }

    /**
     * Like {@link #start(Path, String)}, with more users besides alice, bob and carol, all with the
     * password {@value #PASSWORD}: benchmarks that give each client its own account.
     */
    public static DovecotServer start(Path dataDir, String extraConfig, List<String> moreUsers) throws IOException {
        // Dovecot's login and auth processes run as unprivileged users: they must reach these files.
        Path base = Files.createTempDirectory("maillab-dovecot-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(base.resolve("run"));
        Files.createDirectories(base.resolve("state"));
        Files.createDirectories(base.resolve("ssl"));
        Files.createDirectories(dataDir);
        ensureVmailUser();
        makeCertificate(base.resolve("ssl"));
        Path template = RepositoryFiles.find("testing/dovecot/dovecot.conf.template");
        Files.copy(template.resolveSibling("users"), base.resolve("users"));
        for (String user : moreUsers) {
            if (!user.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException("not a plain user name: " + user);
            }
            Files.writeString(base.resolve("users"), user + ":{PLAIN}" + PASSWORD + "::::::\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        Files.setPosixFilePermissions(base.resolve("users"), PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, Integer> ports = Map.of(
                "IMAP_PORT", freePort(), "IMAPS_PORT", freePort(),
                "POP3_PORT", freePort(), "POP3S_PORT", freePort());
        String config = Files.readString(template)
                .replace("@PID@", Long.toString(ProcessHandle.current().pid()))
                .replace("@BASE@", base.toString())
                .replace("@DATA@", dataDir.toAbsolutePath().toString());
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            config = config.replace("@" + port.getKey() + "@", port.getValue().toString());
        }
        Path conf = base.resolve("dovecot.conf");
        Files.writeString(conf, config + "\n" + extraConfig + "\n");
        chown(dataDir, "vmail");

        // -F keeps the master in the foreground, a child of this JVM; its own log goes to stderr.
        Process process = new ProcessBuilder(DOVECOT, "-F", "-c", conf.toString(),
                "-o", "log_path=/dev/stderr", "-o", "info_log_path=/dev/stderr")
                .redirectErrorStream(true)
                .start();
        DovecotServer server = new DovecotServer(process, base, dataDir, ports);
        server.awaitStartup();
        return server;
    }

    private void awaitStartup() throws IOException {
        List<String> seen = new ArrayList<>();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = log.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.add(line);
                        seen.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended; awaitStartup reports it
            }
            synchronized (seen) {
                seen.add(null);
                seen.notifyAll();
            }
        }, "dovecot-log");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        synchronized (seen) {
            while (true) {
                for (String line : seen) {
                    if (line == null || line.contains("Fatal")) {
                        close();
                        throw new IOException("dovecot did not start: " + seen);
                    }
                    if (line.contains("starting up")) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    close();
                    throw new IOException("dovecot did not start within " + START_TIMEOUT_SECONDS + " s: " + seen);
                }
                try {
                    seen.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting dovecot", e);
                }
            }
        }
    }

    public int imapPort() {
        return ports.get("IMAP_PORT");
    }

    public int imapsPort() {
        return ports.get("IMAPS_PORT");
    }

    public int pop3Port() {
        return ports.get("POP3_PORT");
    }

    public int pop3sPort() {
        return ports.get("POP3S_PORT");
    }

    /** The user's Maildir: INBOX at its root, folders as Maildir++ {@code .Name} directories. */
    public Path maildir(String user) {
        return data.resolve(user).resolve("Maildir");
    }

    /**
     * Gives a tree written by this JVM (root) to Dovecot's mail user, so Dovecot can read and change
     * it. Call it after writing into {@link #maildir} and before Dovecot looks.
     */
    public void handOver(Path tree) {
        chown(tree, "vmail");
    }

    /** Stops Dovecot (SIGTERM to the master, which stops its children) and removes its private files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        deleteTree(base);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void ensureVmailUser() throws IOException {
        if (run("getent", "passwd", "vmail") == 0) {
            return;
        }
        if (run("getent", "group", "vmail") != 0) {
            run("groupadd", "--system", "vmail");
        }
        if (run("useradd", "--system", "--gid", "vmail", "--home-dir", "/nonexistent", "--no-create-home",
                "--shell", "/usr/sbin/nologin", "vmail") != 0) {
            throw new IOException("could not create the system user vmail");
        }
    }

    private static void makeCertificate(Path dir) throws IOException {
        int status = run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        if (status != 0) {
            throw new IOException("openssl could not make a certificate");
        }
    }

    private static int run(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void chown(Path tree, String user) {
        try {
            UserPrincipalLookupService lookup = tree.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
            try (Stream<Path> paths = Files.walk(tree)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                    view.setOwner(owner);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
