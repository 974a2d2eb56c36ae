package org.maillab.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {

    private static Scenario parsed(String text) {
        ParseResult result = ScenarioParser.parse(text);
        if (result instanceof ParseResult.Rejected r) {
            throw new AssertionError("expected a valid scenario, got " + r.errors());
        }
        return ((ParseResult.Parsed) result).scenario();
    }

    private static List<ScenarioError> errors(String text) {
        return assertInstanceOf(ParseResult.Rejected.class, ScenarioParser.parse(text)).errors();
    }

    private static final String MINIMAL = """
            scenario s
            account a
            device d account a
            """;

    @Test
    void tlsAndSlowStartSetTheTimeModelAndSurviveFormatting() {
        Scenario s = parsed(MINIMAL + "tls 1.3\nslow-start on\n");
        assertEquals(new org.maillab.simulator.network.LinkModel(org.maillab.simulator.network.Tls.TLS13, true), s.link());
        assertEquals(s, parsed(ScenarioFormatter.format(s)));
        assertEquals(org.maillab.simulator.network.LinkModel.PLAIN, parsed(MINIMAL).link(), "plain TCP, no slow start by default");
        assertEquals(org.maillab.simulator.network.Tls.TLS12, parsed(MINIMAL + "tls 1.2\n").link().tls());
    }

    @Test
    void aBadTlsVersionOrSlowStartWordIsAnErrorOnItsLine() {
        List<ScenarioError> e = errors(MINIMAL + "tls 1.1\nslow-start maybe\n");
        assertEquals(2, e.size(), e.toString());
        assertEquals(4, e.get(0).line());
        assertTrue(e.get(0).message().contains("'1.1' is not a TLS version"), e.get(0).message());
        assertTrue(e.get(1).message().contains("'maybe' is not on or off"), e.get(1).message());
    }

    @Test
    void readsEveryDirectiveOfAFullScenario() {
        Scenario s = parsed("""
                # The hotel: a slow link and a clip
                scenario hotel
                title "The hotel: a slow link and a 10 MB clip"
                claims C9 C19
                seed 42
                duration 2d
                network broadband
                compare pop3-delete imap-online
                account alice password s3cret quota 50MB quota-messages 1000
                mail alice count 20 every 1h start 30m size 2KB..40KB senders bob@example.org,carol@example.org threads 3
                mail alice count 1 at 1d12h size 1KB attach video/mp4 10MB subject "Our \\"clip\\"" # trailing comment
                device laptop account alice check-every 2h check-start 1h network dialup
                device phone account alice strategy pop3-keep delete-after 7d check-every 0
                at 1d13h laptop open newest
                at 1d14h laptop open newest 2 with-attachments
                at 1d15h phone move oldest 3 to Archive/2026
                at 1d16h phone search "invoice"
                at 1d17h laptop fail
                at 1d18h phone offline
                at 1d19h phone online
                at 1d20h phone check
                at 1d21h phone read unread
                at 1d22h phone flag all
                at 1d23h phone answer newest
                at 2d phone delete oldest
                """);
        assertEquals("hotel", s.name());
        assertEquals(List.of("C9", "C19"), s.claims());
        assertEquals(42, s.seed());
        assertEquals(Duration.ofDays(2), s.duration());
        assertEquals(List.of(StrategyName.POP3_DELETE, StrategyName.IMAP_ONLINE), s.compare());
        assertEquals(new AccountSpec("alice", "s3cret", OptionalLong.of(50L << 20), OptionalLong.of(1000)),
                s.accounts().get(0));
        MailSpec batch = s.mail().get(0);
        assertEquals(20, batch.count());
        assertEquals(Duration.ofMinutes(30).plusHours(3), batch.arrival(3));
        assertEquals(2048, batch.minSize());
        assertEquals(40960, batch.maxSize());
        assertEquals(List.of("bob@example.org", "carol@example.org"), batch.senders());
        MailSpec clip = s.mail().get(1);
        assertEquals(List.of(new AttachmentSpec("video/mp4", 10L << 20)), clip.attachments());
        assertEquals("Our \"clip\"", clip.subject());
        assertEquals(Duration.ofHours(36), clip.start());
        DeviceSpec laptop = s.device("laptop").orElseThrow();
        assertEquals("dialup", s.networkOf(laptop));
        assertEquals(Duration.ofHours(2), laptop.checkEvery());
        DeviceSpec phone = s.device("phone").orElseThrow();
        assertEquals(Optional.of(StrategyName.POP3_KEEP), phone.strategy());
        assertEquals(Optional.of(Duration.ofDays(7)), phone.deleteAfter());
        assertEquals("broadband", s.networkOf(phone));
        assertEquals(12, s.events().size());
        assertEquals(new Action.Open(Selector.newest(2), true), s.events().get(1).action());
        assertEquals(new Action.Move(new Selector(Selector.Kind.OLDEST, 3), "Archive/2026"), s.events().get(2).action());
        assertEquals(15, s.events().get(1).line());
    }

    @Test
    void defaultsApplyWhenOmitted() {
        Scenario s = parsed("scenario tiny\naccount a\nmail a\ndevice d account a\n");
        assertEquals("tiny", s.title());
        assertEquals(1, s.seed());
        assertEquals(Duration.ofDays(1), s.duration());
        assertEquals("broadband", s.network());
        assertEquals(List.of(StrategyName.values()), s.compare());
        assertEquals(new MailSpec("a", 1, Duration.ZERO, Duration.ZERO, 4096, 4096, List.of(), List.of(), "", 0),
                s.mail().get(0));
        assertEquals(Duration.ofHours(1), s.devices().get(0).checkEvery());
    }

    @Test
    void reportsEveryErrorWithItsLineAndAcceptsNothing() {
        List<ScenarioError> errors = errors("""
                scenario broken
                seed twelve
                account alice quota lots
                mail bob count 0 size 40KB..2KB
                device laptop account alice network carrier-pigeon strategy telepathy
                at 1h desktop open newest
                at soon laptop dance
                title unquoted
                scenario again
                """);
        List<Integer> lines = errors.stream().map(ScenarioError::line).toList();
        assertEquals(List.of(2, 3, 4, 4, 4, 5, 5, 6, 7, 7, 8, 9), lines, errors.toString());
        assertTrue(errors.get(0).message().contains("twelve"));
        assertTrue(errors.get(3).message().contains("MIN <= MAX") || errors.get(4).message().contains("MIN <= MAX"),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.message().contains("no account named 'bob'")));
        assertTrue(errors.stream().anyMatch(e -> e.message().contains("no device named 'desktop'")));
        assertTrue(errors.stream().anyMatch(e -> e.message().contains("carrier-pigeon") && e.message().contains("dialup")));
        assertTrue(errors.get(11).message().contains("appears twice (first on line 1)"));
    }

    @Test
    void missingEssentialsAreReportedOnTheLastLine() {
        List<ScenarioError> errors = errors("# nothing here\n\n");
        assertEquals(3, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.line() == 3));
    }

    @Test
    void unclosedQuoteIsAnErrorNotACrash() {
        List<ScenarioError> errors = errors("scenario x\ntitle \"open\naccount a\ndevice d account a\n");
        assertEquals(List.of(new ScenarioError(2, "a quoted text is not closed (missing \")")), errors);
    }

    @Test
    void eventsAfterTheEndAreRejected() {
        List<ScenarioError> errors = errors("scenario x\nduration 1h\naccount a\ndevice d account a\nat 2h d check\n");
        assertEquals(1, errors.size());
        assertEquals(5, errors.get(0).line());
    }

    @Test
    void duplicateNamesPointAtTheFirstDeclaration() {
        List<ScenarioError> errors = errors("scenario x\naccount a\naccount a\ndevice d account a\ndevice d account a\n");
        assertEquals(List.of(3, 5), errors.stream().map(ScenarioError::line).toList());
        assertTrue(errors.get(0).message().contains("first on line 2"));
    }

    @Test
    void timesAndSizesHaveOneCanonicalSpelling() {
        assertEquals(Optional.of(Duration.ofSeconds(86_400 + 7_200 + 1_800 + 15)), Units.parseTime("1d2h30m15s"));
        assertEquals("1d2h30m15s", Units.formatTime(Duration.ofSeconds(86_400 + 7_200 + 1_800 + 15)));
        assertEquals(Optional.empty(), Units.parseTime("2h1d"));
        assertEquals(Optional.empty(), Units.parseTime(""));
        assertEquals(Optional.of(10L * 1024 * 1024), Units.parseSize("10MB"));
        assertEquals("10MB", Units.formatSize(10L * 1024 * 1024));
        assertEquals("1025", Units.formatSize(1025));
        assertEquals(Optional.empty(), Units.parseSize("10 MB"));
        assertEquals(Optional.empty(), Units.parseSize("999999999999GB"));
    }
}
