package org.maillab.simulator.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.testing.DovecotServer;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.Simulation;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.strategy.Strategies;

/** The same scenario against Dovecot (Debian packages, on loopback) instead of MailLab's own servers. */
class DovecotTargetTest {

    @Test
    void pop3StrategiesBehaveTheSameAgainstDovecot() throws Exception {
        DovecotServer.assumeAvailable();
        Path data = Files.createTempDirectory("maillab-sim-dovecot-");
        try (DovecotServer dovecot = DovecotServer.start(data)) {
            Path maildir = dovecot.maildir("alice");
            Scenario scenario = ((ParseResult.Parsed) ScenarioParser.parse("""
                    scenario against-dovecot
                    duration 3h
                    compare pop3-delete pop3-keep
                    account alice
                    mail alice count 6 every 20m start 5m size 1KB..20KB
                    device laptop account alice check-every 1h
                    device phone account alice check-every 1h check-start 30m
                    at 2h laptop fail
                    """)).scenario();
            ServerTarget.Endpoint pop3 = new ServerTarget.Endpoint("pop3", "127.0.0.1", dovecot.pop3Port());
            ServerTarget.Credentials login = new ServerTarget.Credentials("alice", DovecotServer.PASSWORD);
            ScenarioResult r = new Simulation(scenario,
                    () -> new RemoteTarget(Optional.of(pop3), Optional.empty(), login, maildir,
                            path -> dovecot.handOver(path.equals(maildir) ? maildir.getParent() : path)),
                    Strategies.standard(), Simulation.Options.defaults()).run();

            RunResult delete = r.run(StrategyName.POP3_DELETE).orElseThrow();
            assertEquals(RunResult.Status.COMPLETED, delete.status(), delete.note());
            assertEquals(0, delete.finalServerBytes(), "Dovecot removed every message at QUIT");
            assertEquals(6, delete.downloads());
            assertTrue(delete.lostMessages() > 0, "the laptop held mail nobody else had");

            RunResult keep = r.run(StrategyName.POP3_KEEP).orElseThrow();
            assertEquals(RunResult.Status.COMPLETED, keep.status(), keep.note());
            assertEquals(0, keep.redownloads(), "Dovecot's UIDL lets each device fetch each message once");
            assertEquals(0, keep.lostMessages());
            assertTrue(keep.finalServerBytes() > 6 * 1024);
        }
    }

    @Test
    void imapStrategiesRunAgainstDovecotAndConverge() throws Exception {
        DovecotServer.assumeAvailable();
        Path data = Files.createTempDirectory("maillab-sim-dovecot-imap-");
        try (DovecotServer dovecot = DovecotServer.start(data)) {
            Path maildir = dovecot.maildir("alice");
            Scenario scenario = ((ParseResult.Parsed) ScenarioParser.parse("""
                    scenario imap-against-dovecot
                    duration 4h
                    compare imap-online imap-disconnected
                    account alice
                    mail alice count 6 every 20m start 5m size 1KB..20KB attach application/pdf 200KB
                    device laptop account alice check-every 1h
                    device phone account alice check-every 1h check-start 30m
                    at 2h laptop open newest 2
                    at 2h laptop flag oldest 1
                    at 2h laptop move oldest 1 to Archive
                    at 2h10m phone delete newest 1
                    at 3h phone search "a"
                    """)).scenario();
            ServerTarget.Endpoint imap = new ServerTarget.Endpoint("imap", "127.0.0.1", dovecot.imapPort());
            ServerTarget.Credentials login = new ServerTarget.Credentials("alice", DovecotServer.PASSWORD);
            ScenarioResult r = new Simulation(scenario,
                    () -> new RemoteTarget(Optional.empty(), Optional.of(imap), login, maildir,
                            path -> dovecot.handOver(path.equals(maildir) ? maildir.getParent() : path)),
                    Strategies.standard(), Simulation.Options.defaults()).run();

            for (StrategyName name : java.util.List.of(StrategyName.IMAP_ONLINE, StrategyName.IMAP_DISCONNECTED)) {
                RunResult run = r.run(name).orElseThrow();
                assertEquals(RunResult.Status.COMPLETED, run.status(), run.note());
                assertEquals(0, run.consistency().total(), name + " devices agree after the last checks: " + run.consistency());
                assertEquals(0, run.lostMessages());
            }
            RunResult online = r.run(StrategyName.IMAP_ONLINE).orElseThrow();
            assertEquals(0, online.downloads(), "opened texts only: no whole message (each has a 200 KB attachment) came down");
            assertTrue(online.totals().bytesDown() < 6 * 200 * 1024, "no attachment came down: " + online.totals().bytesDown());
        }
    }
}
