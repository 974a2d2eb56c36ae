package org.maillab.simulator.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.world.GeneratedMessage;
import org.maillab.simulator.world.MessageIds;

/**
 * Another server (Dovecot, a student's server) given by {@code pop3://HOST:PORT} and/or
 * {@code imap://HOST:PORT}, one login, and the account's Maildir on disk, where the simulator delivers
 * the scenario's mail (as a local delivery agent would) and reads storage back. Each run starts by
 * emptying that Maildir: use a test account.
 */
public final class RemoteTarget implements ServerTarget {

    private final Optional<Endpoint> pop3;
    private final Optional<Endpoint> imap;
    private final Credentials login;
    private final Path maildir;
    private final AtomicLong deliveries = new AtomicLong();
    private final Consumer<Path> handOver;

    public RemoteTarget(Optional<Endpoint> pop3, Optional<Endpoint> imap, Credentials login, Path maildir) {
        this(pop3, imap, login, maildir, path -> { });
    }

    /**
     * As the other constructor, with a step run on every path the simulator creates in the Maildir
     * (the Maildir itself after {@link #prepare}, each delivered file): e.g. giving them to the
     * server's mail user when the simulator runs as another user.
     */
    public RemoteTarget(Optional<Endpoint> pop3, Optional<Endpoint> imap, Credentials login, Path maildir,
                        Consumer<Path> handOver) {
        this.pop3 = pop3;
        this.imap = imap;
        this.login = login;
        this.maildir = maildir;
        this.handOver = handOver;
    }

    /** Parses {@code pop3://HOST:PORT} or {@code imap://HOST:PORT}; empty if it is neither. */
    public static Optional<Endpoint> parseEndpoint(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getPort() < 1
                    || !(scheme.equals("pop3") || scheme.equals("imap"))) {
                return Optional.empty();
            }
            return Optional.of(new Endpoint(scheme, uri.getHost(), uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String description() {
        List<String> parts = new ArrayList<>();
        pop3.ifPresent(e -> parts.add(e.toString()));
        imap.ifPresent(e -> parts.add(e.toString()));
        return "target " + String.join(" and ", parts) + " as " + login.user();
    }

    @Override
    public Optional<Endpoint> pop3() {
        return pop3;
    }

    @Override
    public Optional<Endpoint> imap() {
        return imap;
    }

    @Override
    public void prepare(AccountSpec account) throws IOException {
        for (Path dir : folders()) {
            for (String sub : List.of("cur", "new")) {
                Path d = dir.resolve(sub);
                if (Files.isDirectory(d)) {
                    try (Stream<Path> files = Files.list(d)) {
                        for (Path f : files.toList()) {
                            Files.deleteIfExists(f);
                        }
                    }
                }
            }
        }
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        handOver.accept(maildir);
    }

    /** Maildir delivery: write into tmp/, then rename into new/, so readers never see half a message. */
    @Override
    public Delivery deliver(GeneratedMessage message, InputStream content) throws IOException {
        String name = "maillab-sim." + message.number() + "." + deliveries.incrementAndGet() + ".maillab";
        Path tmp = maildir.resolve("tmp").resolve(name);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.transferTo(out);
        }
        Path delivered = maildir.resolve("new").resolve(name);
        Files.move(tmp, delivered);
        handOver.accept(delivered);
        return Delivery.DELIVERED;
    }

    @Override
    public Credentials credentials(AccountSpec account) {
        return login;
    }

    @Override
    public OptionalLong storedBytes(String account) {
        long total = 0;
        for (Path f : messageFiles()) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // deleted meanwhile by the server: not stored any more
            }
        }
        return OptionalLong.of(total);
    }

    @Override
    public Optional<Set<String>> messageIds(String account) {
        Set<String> ids = new HashSet<>();
        for (Path f : messageFiles()) {
            try (InputStream in = Files.newInputStream(f)) {
                MessageIds.read(in).ifPresent(ids::add);
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return Optional.of(ids);
    }

    private List<Path> folders() throws IOException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(maildir);
        if (Files.isDirectory(maildir)) {
            try (Stream<Path> children = Files.list(maildir)) {
                children.filter(p -> p.getFileName().toString().startsWith(".") && Files.isDirectory(p)).forEach(dirs::add);
            }
        }
        return dirs;
    }

    private List<Path> messageFiles() {
        List<Path> files = new ArrayList<>();
        try {
            for (Path dir : folders()) {
                for (String sub : List.of("cur", "new")) {
                    Path d = dir.resolve(sub);
                    if (Files.isDirectory(d)) {
                        try (Stream<Path> list = Files.list(d)) {
                            list.filter(Files::isRegularFile).forEach(files::add);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Gives a path (and, for a directory, everything below it) to a system user and that user's group,
     * for {@code --maildir-owner}: the simulator may run as root while the server reads and deletes as,
     * say, {@code vmail}.
     */
    public static void chown(Path path, String user) {
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    view.setOwner(owner);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to " + user + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing to stop: the server is not ours
    }
}
