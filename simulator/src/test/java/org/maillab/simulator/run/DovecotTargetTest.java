package org.maillab.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.testing.DovecotServer;
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
}
