package org.maillab.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.strategy.Strategies;
import org.maillab.simulator.servers.InProcessTarget;
import org.maillab.simulator.servers.MailLabServers;
import org.maillab.simulator.servers.RemoteTarget;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.world.GeneratedMessage;

class SimulationTest {

    private static Scenario parse(String text) {
        ParseResult r = ScenarioParser.parse(text);
        if (r instanceof ParseResult.Rejected rejected) {
            throw new AssertionError(rejected.errors().toString());
        }
        return ((ParseResult.Parsed) r).scenario();
    }

    private static ScenarioResult runInProcess(Scenario scenario) {
        return new Simulation(scenario, () -> new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap()),
                Strategies.standard(), Simulation.Options.defaults()).run();
    }

    private static final String SMALL = """
            scenario small
            duration 6h
            seed %d
            compare pop3-delete pop3-keep
            account alice
            mail alice count %d every 20m start 5m size 1KB..30KB threads 2
            mail alice count 1 at 2h size 2KB attach application/pdf 100KB
            device laptop account alice check-every 1h
            device phone account alice check-every 90m check-start 10m network 3g
            at 3h phone open newest 2
            at 4h laptop delete oldest 1
            """;

    private static List<List<WireStats>> sessionStats(ScenarioResult r) {
        return r.runs().stream().map(run -> run.sessions().stream().map(SessionRecord::stats).toList()).toList();
    }

    @Test
    void sameScenarioAndSeedGiveIdenticalByteAndRoundTripCounts() {
        Scenario scenario = parse(SMALL.formatted(42, 12));
        ScenarioResult first = runInProcess(scenario);
        ScenarioResult second = runInProcess(scenario);
        assertEquals(sessionStats(first), sessionStats(second));
        for (int i = 0; i < first.runs().size(); i++) {
            assertEquals(first.runs().get(i).modelledTime(), second.runs().get(i).modelledTime());
            assertEquals(first.runs().get(i).storage(), second.runs().get(i).storage());
        }
    }

    @Test
    void anotherSeedGivesOtherMail() {
        ScenarioResult a = runInProcess(parse(SMALL.formatted(1, 12)));
        ScenarioResult b = runInProcess(parse(SMALL.formatted(2, 12)));
        assertTrue(a.runs().get(0).totals().bytesDown() != b.runs().get(0).totals().bytesDown());
    }

    @Property(tries = 4, seed = "20261127")
    void totalsAreTheSumOverSessions(@ForAll @IntRange(min = 1, max = 1000) int seed,
                                     @ForAll @IntRange(min = 0, max = 15) int count) {
        ScenarioResult r = runInProcess(parse(SMALL.formatted(seed, Math.max(1, count))));
        for (RunResult run : r.runs()) {
            WireStats sum = WireStats.ZERO;
            Duration time = Duration.ZERO;
            for (SessionRecord s : run.sessions()) {
                sum = sum.plus(s.stats());
                time = time.plus(s.modelled());
            }
            assertEquals(sum, run.totals());
            assertEquals(time, run.modelledTime());
            assertEquals(run.totalsOf("laptop").plus(run.totalsOf("phone")), run.totals());
            assertEquals(run.sessions().size(), run.totals().connections(), "one connection per POP3 session");
        }
    }

    // ------------------------------------------------------------------ misbehaving targets

    /** A target whose POP3 endpoint is some other socket; delivery and storage go to an in-process store. */
    private static final class BadPop3Target implements ServerTarget {
        private final InProcessTarget store;
        private final int port;

        BadPop3Target(int port) throws IOException {
            this.store = new InProcessTarget(InProcessTarget.none(), InProcessTarget.none());
            this.port = port;
        }

        @Override
        public String description() {
            return "a misbehaving server";
        }

        @Override
        public Optional<Endpoint> pop3() {
            return Optional.of(new Endpoint("pop3", "127.0.0.1", port));
        }

        @Override
        public Optional<Endpoint> imap() {
            return Optional.empty();
        }

        @Override
        public void prepare(AccountSpec account) {
            store.prepare(account);
        }

        @Override
        public Delivery deliver(GeneratedMessage message, InputStream content) {
            return store.deliver(message, content);
        }

        @Override
        public Credentials credentials(AccountSpec account) {
            return store.credentials(account);
        }

        @Override
        public OptionalLong storedBytes(String account) {
            return store.storedBytes(account);
        }

        @Override
        public Optional<Set<String>> messageIds(String account) {
            return store.messageIds(account);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** Accepts connections on loopback and does {@code behaviour} with each until closed. */
    private static final class MisbehavingServer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new ArrayList<>();
        final CompletableFuture<Void> loop;

        MisbehavingServer(byte[] says) throws IOException {
            loop = CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        s.getOutputStream().write(says);
                        s.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // closed: done
                }
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
            loop.join();
        }
    }

    private static ScenarioResult runFirstAgainst(int badPort, int timeoutMillis) {
        Scenario scenario = parse(SMALL.formatted(7, 4));
        AtomicInteger runs = new AtomicInteger();
        Simulation.TargetFactory targets = () -> runs.getAndIncrement() == 0
                ? new BadPop3Target(badPort)
                : new InProcessTarget(MailLabServers.pop3(), MailLabServers.imap());
        return new Simulation(scenario, targets, Strategies.standard(),
                new Simulation.Options(timeoutMillis, Simulation.Options.defaults().source(), line -> { })).run();
    }

    @Test
    void aServerThatAnswersGarbageEndsThatStrategyWithAClearMessageAndTheOthersStillRun() throws Exception {
        try (MisbehavingServer bad = new MisbehavingServer("HELLO, I AM A TOASTER\r\n".getBytes(StandardCharsets.US_ASCII))) {
            ScenarioResult r = runFirstAgainst(bad.server.getLocalPort(), 5000);
            RunResult broken = r.run(StrategyName.POP3_DELETE).orElseThrow();
            assertEquals(RunResult.Status.FAILED, broken.status());
            assertTrue(broken.note().startsWith("check on laptop at 0 (check session with pop3://127.0.0.1:"), broken.note());
            assertTrue(broken.note().contains("TOASTER"), broken.note());
            assertEquals(RunResult.Status.COMPLETED, r.run(StrategyName.POP3_KEEP).orElseThrow().status());
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheOthersStillRun() throws Exception {
        try (MisbehavingServer silent = new MisbehavingServer(new byte[0])) {
            // the timeout also applies to the healthy run that follows: generous, so a loaded machine cannot fail it
            ScenarioResult r = runFirstAgainst(silent.server.getLocalPort(), 3000);
            RunResult broken = r.run(StrategyName.POP3_DELETE).orElseThrow();
            assertEquals(RunResult.Status.FAILED, broken.status());
            assertTrue(broken.note().contains("timed out"), broken.note());
            assertEquals(1, broken.sessions().size(), "the failed session is still accounted for");
            RunResult healthy = r.run(StrategyName.POP3_KEEP).orElseThrow();
            assertEquals(RunResult.Status.COMPLETED, healthy.status(), healthy.note());
        }
    }

    @Test
    void aServerThatRefusesConnectionsEndsThatStrategy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ScenarioResult r = runFirstAgainst(port, 5000);
        RunResult broken = r.run(StrategyName.POP3_DELETE).orElseThrow();
        assertEquals(RunResult.Status.FAILED, broken.status());
        assertTrue(broken.note().contains("Connect"), broken.note());
        assertEquals(RunResult.Status.COMPLETED, r.run(StrategyName.POP3_KEEP).orElseThrow().status());
    }

    @Test
    void aTargetThatCannotBePreparedFailsEachRunWithTheReason(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("not-a-directory"), "x");
        Scenario scenario = parse(SMALL.formatted(1, 2));
        ScenarioResult r = new Simulation(scenario, () -> new RemoteTarget(Optional.of(new ServerTarget.Endpoint("pop3", "127.0.0.1", 1)),
                Optional.empty(), new ServerTarget.Credentials("u", "p"), file.resolve("Maildir")),
                Strategies.standard(), Simulation.Options.defaults()).run();
        for (RunResult run : r.runs()) {
            assertEquals(RunResult.Status.FAILED, run.status());
            assertTrue(run.note().startsWith("could not prepare the target: "), run.note());
        }
    }

    @Test
    void imapStrategiesRunAgainstTheInProcessImapServer() {
        ScenarioResult r = runInProcess(parse("""
                scenario imap
                duration 1h
                compare imap-online pop3-delete
                account a
                mail a count 2 at 0
                device d account a
                """));
        RunResult imap = r.run(StrategyName.IMAP_ONLINE).orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, imap.status(), imap.note());
        assertTrue(imap.totals().bytesDown() > 0);
        assertEquals(RunResult.Status.COMPLETED, r.run(StrategyName.POP3_DELETE).orElseThrow().status());
    }

    @Test
    void quotaRefusalsAreCountedAtDelivery() {
        ScenarioResult r = runInProcess(parse("""
                scenario quota
                duration 1h
                compare pop3-keep
                account a quota 20KB
                mail a count 10 at 0 size 4KB
                device d account a check-every 0
                """));
        RunResult run = r.run(StrategyName.POP3_KEEP).orElseThrow();
        assertTrue(run.quotaRefusals() > 0 && run.delivered() + run.quotaRefusals() == 10,
                run.delivered() + " delivered, " + run.quotaRefusals() + " refused");
    }

    @Test
    void messagesOnlyOnADeviceThatDiesAreLost() {
        ScenarioResult r = runInProcess(parse("""
                scenario lost
                duration 3h
                compare pop3-delete pop3-keep
                account a
                mail a count 5 at 0
                mail a count 2 at 2h30m
                device laptop account a check-every 1h check-start 1h
                at 2h laptop fail
                """));
        assertEquals(5, r.run(StrategyName.POP3_DELETE).orElseThrow().lostMessages());
        assertEquals(0, r.run(StrategyName.POP3_KEEP).orElseThrow().lostMessages());
    }
}
