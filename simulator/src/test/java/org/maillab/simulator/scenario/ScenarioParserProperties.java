package org.maillab.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.simulator.network.NetworkProfile;

class ScenarioParserProperties {

    @Property(tries = 300, seed = "20261127")
    void arbitraryTextNeverThrowsAndEveryErrorHasALineOfTheFile(@ForAll("scenarioLikeText") String text) {
        ParseResult result = ScenarioParser.parse(text);
        int lines = text.split("\r\n|\r|\n", -1).length;
        if (result instanceof ParseResult.Rejected r) {
            assertFalse(r.errors().isEmpty());
            for (ScenarioError e : r.errors()) {
                assertTrue(e.line() >= 1 && e.line() <= lines, e + " outside 1.." + lines);
                assertFalse(e.message().isBlank());
            }
        }
    }

    @Property(tries = 200, seed = "20261127")
    void formattingThenParsingGivesTheSameScenario(@ForAll("scenarios") Scenario scenario) {
        String text = ScenarioFormatter.format(scenario);
        ParseResult result = ScenarioParser.parse(text);
        assertEquals(new ParseResult.Parsed(scenario), result, text);
    }

    @Provide
    Arbitrary<String> scenarioLikeText() {
        Arbitrary<String> words = Arbitraries.of("scenario", "title", "claims", "seed", "duration", "network",
                "compare", "account", "mail", "device", "at", "open", "newest", "count", "size", "attach", "to",
                "move", "\"", "\"x\"", "1d", "10MB", "2KB..1KB", "pop3-keep", "alice", "laptop", "#", "\\", "-1",
                "every", "0", "quota", "dialup", "\r", "\n", "\t", "C9");
        Arbitrary<String> tokens = Arbitraries.oneOf(words, Arbitraries.strings().ofMaxLength(6));
        return tokens.list().ofMaxSize(40).map(l -> String.join(" ", l));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._-").ofMinLength(1).ofMaxLength(8)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    }

    private static Arbitrary<Duration> times() {
        return Arbitraries.longs().between(0, 5 * 86_400).map(Duration::ofSeconds);
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("é\"\\#").ofMaxLength(30);
    }

    private static Arbitrary<Selector> selectors() {
        return Combinators.combine(Arbitraries.of(Selector.Kind.class), Arbitraries.integers().between(1, 9))
                .as((k, n) -> k == Selector.Kind.NEWEST || k == Selector.Kind.OLDEST ? new Selector(k, n) : new Selector(k, 1));
    }

    private static Arbitrary<Action> actions() {
        return Arbitraries.oneOf(
                Combinators.combine(selectors(), Arbitraries.of(true, false)).as(Action.Open::new),
                selectors().map(Action.MarkRead::new),
                selectors().map(Action.Flag::new),
                selectors().map(Action.Answer::new),
                selectors().map(Action.Delete::new),
                Combinators.combine(selectors(), Arbitraries.of("Archive", "Work/2026", "a.b")).as(Action.Move::new),
                texts().map(Action.Search::new),
                Arbitraries.of(new Action.Check(), new Action.Fail(), new Action.GoOffline(), new Action.GoOnline()));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<AccountSpec> account = Combinators.combine(names(), names(),
                        Arbitraries.longs().between(1, 1L << 32).optional(), Arbitraries.longs().between(0, 500).optional())
                .as((n, p, q, m) -> new AccountSpec(n, p, q.map(OptionalLong::of).orElse(OptionalLong.empty()),
                        m.map(OptionalLong::of).orElse(OptionalLong.empty())));
        return Combinators.combine(names(), texts(), Arbitraries.longs(), account.list().ofMinSize(1).ofMaxSize(3)
                                .uniqueElements(AccountSpec::name),
                        Arbitraries.of(NetworkProfile.ALL).map(NetworkProfile::name),
                        Arbitraries.subsetOf(StrategyName.values()).ofMinSize(1).map(set -> List.copyOf(new java.util.TreeSet<>(set))))
                .flatAs((name, title, seed, accounts, network, compare) -> {
                    Arbitrary<String> accountNames = Arbitraries.of(accounts.stream().map(AccountSpec::name).toList());
                    Arbitrary<MailSpec> mail = Combinators.combine(accountNames, Arbitraries.integers().between(1, 50),
                                    times(), times(), Arbitraries.longs().between(1, 1 << 20), Arbitraries.longs().between(0, 1 << 20),
                                    Combinators.combine(Arbitraries.of("video/mp4", "application/pdf", "image/jpeg"),
                                            Arbitraries.longs().between(0, 1L << 26)).as(AttachmentSpec::new).list().ofMaxSize(2),
                                    Arbitraries.of("bob@example.org", "x.y+z@mail.example").list().ofMaxSize(2))
                            .as((acc, count, start, every, min, extra, attach, senders) -> new MailSpec(acc, count, start, every,
                                    min, min + extra, attach, senders, "", count % 3));
                    Arbitrary<DeviceSpec> device = Combinators.combine(names(), accountNames,
                                    Arbitraries.of(StrategyName.class).optional(), times(), times(),
                                    Arbitraries.of(NetworkProfile.ALL).map(NetworkProfile::name).optional(),
                                    times().optional())
                            .as(DeviceSpec::new);
                    return Combinators.combine(mail.list().ofMaxSize(3), device.list().ofMinSize(1).ofMaxSize(3)
                                    .uniqueElements(DeviceSpec::name), texts())
                            .flatAs((mails, devices, subject) -> {
                                Arbitrary<EventSpec> event = Combinators.combine(times(),
                                                Arbitraries.of(devices.stream().map(DeviceSpec::name).toList()), actions())
                                        .as((at, dev, act) -> new EventSpec(at, dev, act, 0));
                                List<MailSpec> withSubject = mails.stream().map(m -> new MailSpec(m.account(), m.count(),
                                        m.start(), m.every(), m.minSize(), m.maxSize(), m.attachments(), m.senders(),
                                        subject, m.threads())).toList();
                                return event.list().ofMaxSize(5).map(events -> new Scenario(name, title, List.of("C1", "C19"),
                                        seed, Duration.ofDays(6), network, compare, accounts, withSubject, devices, events));
                            });
                });
    }

}
