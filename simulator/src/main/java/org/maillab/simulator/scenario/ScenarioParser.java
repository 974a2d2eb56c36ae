package org.maillab.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.maillab.simulator.network.LinkModel;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.Tls;

/**
 * Reads a scenario file ({@code docs/scenario-format.md}). Total: any text gives either a scenario or
 * the list of every error found, each with its line; it never throws. Nothing is partly accepted.
 */
public final class ScenarioParser {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");
    static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+/-]{0,99}");
    static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9.-]{1,100}");
    static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9.+-]{1,40}/[A-Za-z0-9.+-]{1,60}");
    static final Pattern CLAIM = Pattern.compile("C[0-9]{1,3}");
    static final int MAX_COUNT = 100_000;
    static final long MAX_BODY = 4L << 20; // text bodies; large content goes in attachments, which stream
    static final long MAX_ATTACHMENT = 1L << 30;
    static final int MAX_TEXT = 200;
    static final int MAX_LINES = 100_000;

    private final List<ScenarioError> errors = new ArrayList<>();
    private final Map<String, Integer> singles = new HashMap<>();
    private String name;
    private String title;
    private List<String> claims = List.of();
    private long seed = 1;
    private Duration duration = Duration.ofDays(1);
    private String network = NetworkProfile.BROADBAND.name();
    private List<StrategyName> compare = Arrays.asList(StrategyName.values());
    private boolean compress;
    private Tls tls = Tls.NONE;
    private boolean slowStart;
    private final List<AccountSpec> accounts = new ArrayList<>();
    private final List<MailSpec> mail = new ArrayList<>();
    private final List<DeviceSpec> devices = new ArrayList<>();
    private final List<EventSpec> events = new ArrayList<>();
    private final Map<String, Integer> accountLines = new HashMap<>();
    private final Map<String, Integer> deviceLines = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();

    /** A name used before all declarations are known; checked at the end. */
    private record Reference(int line, String kind, String name) {
    }

    private ScenarioParser() {
    }

    /** Parses a whole file. */
    public static ParseResult parse(String text) {
        return new ScenarioParser().run(text);
    }

    private ParseResult run(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length > MAX_LINES) {
            return new ParseResult.Rejected(List.of(new ScenarioError(MAX_LINES + 1,
                    "the file is too long (more than " + MAX_LINES + " lines)")));
        }
        for (int i = 0; i < lines.length; i++) {
            line(i + 1, lines[i]);
        }
        int end = Math.max(1, lines.length);
        if (name == null) {
            errors.add(new ScenarioError(end, "no 'scenario NAME' line: every scenario needs a name"));
        }
        if (accounts.isEmpty()) {
            errors.add(new ScenarioError(end, "no 'account' line: a scenario needs at least one account"));
        }
        if (devices.isEmpty()) {
            errors.add(new ScenarioError(end, "no 'device' line: a scenario needs at least one device"));
        }
        checkReferences();
        long total = mail.stream().mapToLong(MailSpec::count).sum();
        if (total > MAX_COUNT) {
            errors.add(new ScenarioError(end, "too many messages in all (" + total + ", at most " + MAX_COUNT + ")"));
        }
        if (!errors.isEmpty()) {
            List<ScenarioError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(ScenarioError::line));
            return new ParseResult.Rejected(sorted);
        }
        return new ParseResult.Parsed(new Scenario(name, title == null ? name : title, claims, seed, duration,
                network, compare, accounts, mail, devices, events, compress, new LinkModel(tls, slowStart)));
    }

    /** {@code compress deflate}: IMAP sessions use COMPRESS=DEFLATE (RFC 4978) when the server offers it. */
    private void compress(Cursor c) {
        c.word("a compression mechanism (deflate)").ifPresent(w -> {
            if (w.equals("deflate")) {
                compress = true;
            } else {
                c.error("'" + w + "' is not a compression mechanism (deflate)");
            }
        });
    }

    /** {@code tls 1.2|1.3|none}: what the time model charges each connection for TLS. */
    private void tls(Cursor c) {
        c.word("a TLS version (1.2, 1.3 or none)").ifPresent(w -> {
            Optional<Tls> v = Arrays.stream(Tls.values()).filter(x -> x.word().equals(w)).findFirst();
            if (v.isPresent()) {
                tls = v.get();
            } else {
                c.error("'" + w + "' is not a TLS version (1.2, 1.3 or none)");
            }
        });
    }

    /** {@code slow-start on|off}: whether the time model charges each connection TCP slow start. */
    private void slowStart(Cursor c) {
        c.word("on or off").ifPresent(w -> {
            switch (w) {
                case "on" -> slowStart = true;
                case "off" -> slowStart = false;
                default -> c.error("'" + w + "' is not on or off");
            }
        });
    }

    private void checkReferences() {
        for (Reference r : references) {
            boolean known = switch (r.kind) {
                case "account" -> accountLines.containsKey(r.name);
                case "device" -> deviceLines.containsKey(r.name);
                default -> true;
            };
            if (!known) {
                errors.add(new ScenarioError(r.line, "no " + r.kind + " named '" + r.name + "' is declared"));
            }
        }
        for (EventSpec e : events) {
            if (e.at().compareTo(duration) > 0) {
                errors.add(new ScenarioError(e.line(), "this happens at " + Units.formatTime(e.at())
                        + ", after the scenario ends (duration " + Units.formatTime(duration) + ")"));
            }
        }
    }

    private void line(int number, String text) {
        Tokenizer.Result split = Tokenizer.split(text);
        if (split.error() != null) {
            errors.add(new ScenarioError(number, split.error()));
            return;
        }
        if (split.tokens().isEmpty()) {
            return;
        }
        Cursor c = new Cursor(number, split.tokens());
        Tokenizer.Token first = c.next();
        if (first.quoted()) {
            c.error("a line starts with a keyword, not a quoted text");
            return;
        }
        switch (first.text()) {
            case "scenario" -> once(c, "scenario", () -> name = c.name("a scenario name").orElse(null));
            case "title" -> once(c, "title", () -> title = c.text("a quoted title").orElse(null));
            case "claims" -> once(c, "claims", () -> claims = claims(c));
            case "seed" -> once(c, "seed", () -> c.number("a seed", Long.MIN_VALUE, Long.MAX_VALUE).ifPresent(s -> seed = s));
            case "duration" -> once(c, "duration", () -> c.time("a duration").ifPresent(d -> {
                if (d.isZero()) {
                    c.error("the duration must be more than 0");
                }
                duration = d;
            }));
            case "network" -> once(c, "network", () -> c.network().ifPresent(n -> network = n));
            case "compare" -> once(c, "compare", () -> compare = strategies(c));
            case "compress" -> once(c, "compress", () -> compress(c));
            case "tls" -> once(c, "tls", () -> tls(c));
            case "slow-start" -> once(c, "slow-start", () -> slowStart(c));
            case "account" -> account(c);
            case "mail" -> mail(c);
            case "device" -> device(c);
            case "at" -> event(c);
            default -> {
                c.error("unknown keyword '" + first.text() + "' (expected one of: scenario, title, claims, seed, "
                        + "duration, network, compare, compress, tls, slow-start, account, mail, device, at)");
                return;
            }
        }
        c.expectEnd();
    }

    private void once(Cursor c, String keyword, Runnable body) {
        Integer first = singles.putIfAbsent(keyword, c.line);
        if (first != null) {
            c.error("'" + keyword + "' appears twice (first on line " + first + ")");
            c.skipRest();
            return;
        }
        body.run();
    }

    private List<String> claims(Cursor c) {
        List<String> list = new ArrayList<>();
        while (c.hasNext()) {
            String claim = c.next().text();
            if (CLAIM.matcher(claim).matches()) {
                list.add(claim);
            } else {
                c.error("'" + claim + "' is not a claim id (like C9)");
            }
        }
        if (list.isEmpty() && c.errorsHere() == 0) {
            c.error("'claims' needs at least one claim id (like C9)");
        }
        return list;
    }

    private List<StrategyName> strategies(Cursor c) {
        List<StrategyName> list = new ArrayList<>();
        while (c.hasNext()) {
            c.strategy().ifPresent(s -> {
                if (list.contains(s)) {
                    c.error("strategy '" + s.word() + "' is listed twice");
                } else {
                    list.add(s);
                }
            });
        }
        if (list.isEmpty() && c.errorsHere() == 0) {
            c.error("'compare' needs at least one strategy (" + strategyWords() + ")");
        }
        return list;
    }

    private void account(Cursor c) {
        Optional<String> accountName = c.name("an account name");
        String password = "secret";
        OptionalLong quota = OptionalLong.empty();
        OptionalLong quotaMessages = OptionalLong.empty();
        while (c.hasNext()) {
            String key = c.next().text();
            switch (key) {
                case "password" -> password = c.name("a password (letters, digits, ._@+-)").orElse(password);
                case "quota" -> quota = c.size("a quota size", Long.MAX_VALUE / 16).map(OptionalLong::of).orElse(quota);
                case "quota-messages" -> quotaMessages = c.number("a message count", 0, MAX_COUNT)
                        .map(OptionalLong::of).orElse(quotaMessages);
                default -> c.unknownOption(key, "password, quota, quota-messages");
            }
        }
        if (accountName.isPresent()) {
            Integer first = accountLines.putIfAbsent(accountName.get(), c.line);
            if (first != null) {
                c.error("account '" + accountName.get() + "' is declared twice (first on line " + first + ")");
            } else {
                accounts.add(new AccountSpec(accountName.get(), password, quota, quotaMessages));
            }
        }
    }

    private void mail(Cursor c) {
        Optional<String> account = c.name("an account name");
        account.ifPresent(a -> references.add(new Reference(c.line, "account", a)));
        int count = 1;
        Duration start = Duration.ZERO;
        Duration every = Duration.ZERO;
        long min = 4096;
        long max = 4096;
        List<AttachmentSpec> attachments = new ArrayList<>();
        List<String> senders = List.of();
        String subject = "";
        int threads = 0;
        boolean timed = false;
        while (c.hasNext()) {
            String key = c.next().text();
            switch (key) {
                case "count" -> count = c.number("a message count", 1, MAX_COUNT).map(Long::intValue).orElse(count);
                case "at", "every" -> {
                    if (timed) {
                        c.error("give either 'at TIME' or 'every TIME [start TIME]', once");
                    }
                    timed = true;
                    Optional<Duration> t = c.time("a time");
                    if (key.equals("at")) {
                        start = t.orElse(start);
                    } else {
                        every = t.orElse(every);
                        if (t.isPresent() && t.get().isZero()) {
                            c.error("'every' needs a time above 0");
                        }
                    }
                }
                case "start" -> start = c.time("a start time").orElse(start);
                case "size" -> {
                    Optional<String> word = c.word("a size such as 4KB or 2KB..40KB");
                    if (word.isPresent()) {
                        String[] range = word.get().split("\\.\\.", -1);
                        Optional<Long> lo = range.length <= 2 ? c.sizeOf(range[0], MAX_BODY) : Optional.empty();
                        Optional<Long> hi = range.length == 2 ? c.sizeOf(range[1], MAX_BODY) : lo;
                        if (range.length > 2) {
                            c.error("'" + word.get() + "' is not a size or a range MIN..MAX");
                        } else if (lo.isPresent() && hi.isPresent()) {
                            if (lo.get() < 1 || lo.get() > hi.get()) {
                                c.error("a size range needs 1 <= MIN <= MAX, got " + word.get());
                            }
                            min = lo.get();
                            max = hi.get();
                        }
                    }
                }
                case "attach" -> {
                    Optional<String> type = c.matching(CONTENT_TYPE, "a content type such as video/mp4");
                    Optional<Long> size = c.size("an attachment size", MAX_ATTACHMENT);
                    if (type.isPresent() && size.isPresent()) {
                        attachments.add(new AttachmentSpec(type.get(), size.get()));
                    }
                }
                case "senders" -> senders = c.word("comma-separated addresses").map(w -> addresses(c, w)).orElse(senders);
                case "subject" -> subject = c.text("a quoted subject").orElse(subject);
                case "threads" -> threads = c.number("a thread count", 0, MAX_COUNT).map(Long::intValue).orElse(threads);
                default -> c.unknownOption(key, "count, at, every, start, size, attach, senders, subject, threads");
            }
        }
        if (account.isPresent()) {
            mail.add(new MailSpec(account.get(), count, start, every, min, max, attachments, senders, subject, threads));
        }
    }

    private static List<String> addresses(Cursor c, String word) {
        List<String> list = new ArrayList<>();
        for (String a : word.split(",", -1)) {
            if (ADDRESS.matcher(a).matches()) {
                list.add(a);
            } else {
                c.error("'" + a + "' is not an address like bob@example.org");
            }
        }
        return list;
    }

    private void device(Cursor c) {
        Optional<String> deviceName = c.name("a device name");
        String account = null;
        Optional<StrategyName> strategy = Optional.empty();
        Duration checkEvery = Duration.ofHours(1);
        Duration checkStart = Duration.ZERO;
        Optional<String> net = Optional.empty();
        Optional<Duration> deleteAfter = Optional.empty();
        while (c.hasNext()) {
            String key = c.next().text();
            switch (key) {
                case "account" -> account = c.name("an account name").orElse(account);
                case "strategy" -> strategy = c.strategy();
                case "check-every" -> checkEvery = c.time("a time (0: only on 'check' events)").orElse(checkEvery);
                case "check-start" -> checkStart = c.time("a time").orElse(checkStart);
                case "network" -> net = c.network();
                case "delete-after" -> deleteAfter = c.time("a time");
                default -> c.unknownOption(key, "account, strategy, check-every, check-start, network, delete-after");
            }
        }
        if (account == null) {
            c.error("a device needs 'account NAME'");
        } else {
            references.add(new Reference(c.line, "account", account));
        }
        if (deviceName.isPresent()) {
            Integer first = deviceLines.putIfAbsent(deviceName.get(), c.line);
            if (first != null) {
                c.error("device '" + deviceName.get() + "' is declared twice (first on line " + first + ")");
            } else if (account != null) {
                devices.add(new DeviceSpec(deviceName.get(), account, strategy, checkEvery, checkStart, net, deleteAfter));
            }
        }
    }

    private void event(Cursor c) {
        Optional<Duration> at = c.time("a time");
        Optional<String> device = c.name("a device name");
        device.ifPresent(d -> references.add(new Reference(c.line, "device", d)));
        Optional<String> verb = c.word("an action (" + ACTIONS + ")");
        if (verb.isEmpty()) {
            return;
        }
        Optional<Action> action = switch (verb.get()) {
            case "open" -> {
                Optional<Selector> s = selector(c);
                boolean withAttachments = false;
                if (c.hasNext() && c.peek().equals("with-attachments")) {
                    c.next();
                    withAttachments = true;
                }
                boolean w = withAttachments;
                yield s.map(sel -> new Action.Open(sel, w));
            }
            case "read" -> selector(c).map(Action.MarkRead::new);
            case "flag" -> selector(c).map(Action.Flag::new);
            case "answer" -> selector(c).map(Action.Answer::new);
            case "delete" -> selector(c).map(Action.Delete::new);
            case "move" -> {
                Optional<Selector> s = selector(c);
                Optional<String> to = c.word("'to FOLDER'").filter(w -> {
                    if (!w.equals("to")) {
                        c.error("expected 'to FOLDER' after the selector, found '" + w + "'");
                    }
                    return w.equals("to");
                });
                Optional<String> folder = to.isPresent() ? c.matching(FOLDER, "a folder name") : Optional.empty();
                yield s.isPresent() && folder.isPresent() ? Optional.of(new Action.Move(s.get(), folder.get())) : Optional.empty();
            }
            case "search" -> c.text("a quoted text to look for").map(Action.Search::new);
            case "check" -> Optional.of(new Action.Check());
            case "fail" -> Optional.of(new Action.Fail());
            case "offline" -> Optional.of(new Action.GoOffline());
            case "online" -> Optional.of(new Action.GoOnline());
            default -> {
                c.error("unknown action '" + verb.get() + "' (expected one of: " + ACTIONS + ")");
                c.skipRest();
                yield Optional.empty();
            }
        };
        if (at.isPresent() && device.isPresent() && action.isPresent()) {
            events.add(new EventSpec(at.get(), device.get(), action.get(), c.line));
        }
    }

    private static final String ACTIONS = "open, read, flag, answer, move, delete, search, check, fail, offline, online";

    private static Optional<Selector> selector(Cursor c) {
        Optional<String> word = c.word("which messages (newest [N], oldest [N], all, unread)");
        if (word.isEmpty()) {
            return Optional.empty();
        }
        return switch (word.get()) {
            case "all" -> Optional.of(Selector.all());
            case "unread" -> Optional.of(new Selector(Selector.Kind.UNREAD, 1));
            case "newest", "oldest" -> {
                Selector.Kind kind = word.get().equals("newest") ? Selector.Kind.NEWEST : Selector.Kind.OLDEST;
                int count = 1;
                if (c.hasNext() && c.peek().chars().allMatch(Character::isDigit)) {
                    count = c.number("a count", 1, MAX_COUNT).map(Long::intValue).orElse(1);
                }
                yield Optional.of(new Selector(kind, count));
            }
            default -> {
                c.error("'" + word.get() + "' does not say which messages (newest [N], oldest [N], all, unread)");
                yield Optional.empty();
            }
        };
    }

    static String strategyWords() {
        return String.join(", ", Arrays.stream(StrategyName.values()).map(StrategyName::word).toList());
    }

    /** Reads the tokens of one line, reporting errors against that line. */
    private final class Cursor {
        final int line;
        final List<Tokenizer.Token> tokens;
        int index;
        final int errorsBefore;

        Cursor(int line, List<Tokenizer.Token> tokens) {
            this.line = line;
            this.tokens = tokens;
            this.errorsBefore = errors.size();
        }

        boolean hasNext() {
            return index < tokens.size();
        }

        String peek() {
            return tokens.get(index).text();
        }

        Tokenizer.Token next() {
            return tokens.get(index++);
        }

        void skipRest() {
            index = tokens.size();
        }

        int errorsHere() {
            return errors.size() - errorsBefore;
        }

        void error(String message) {
            errors.add(new ScenarioError(line, message));
        }

        void expectEnd() {
            if (hasNext()) {
                error("unexpected '" + peek() + "' at the end of the line");
            }
        }

        void unknownOption(String key, String known) {
            error("unknown option '" + key + "' (expected one of: " + known + ")");
            skipRest();
        }

        Optional<String> word(String what) {
            if (!hasNext()) {
                error("expected " + what + " at the end of the line");
                return Optional.empty();
            }
            Tokenizer.Token t = next();
            if (t.quoted()) {
                error("expected " + what + ", found a quoted text");
                return Optional.empty();
            }
            return Optional.of(t.text());
        }

        Optional<String> text(String what) {
            if (!hasNext()) {
                error("expected " + what + " at the end of the line");
                return Optional.empty();
            }
            Tokenizer.Token t = next();
            if (!t.quoted()) {
                error("expected " + what + " in double quotes, found '" + t.text() + "'");
                return Optional.empty();
            }
            if (t.text().length() > MAX_TEXT || t.text().chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                error("a quoted text must be at most " + MAX_TEXT + " characters, without control characters");
                return Optional.empty();
            }
            return Optional.of(t.text());
        }

        Optional<String> matching(Pattern pattern, String what) {
            return word(what).filter(w -> {
                boolean ok = pattern.matcher(w).matches();
                if (!ok) {
                    error("'" + w + "' is not " + what);
                }
                return ok;
            });
        }

        Optional<String> name(String what) {
            return matching(NAME, what);
        }

        Optional<Long> number(String what, long min, long max) {
            return word(what).flatMap(w -> {
                try {
                    long n = Long.parseLong(w);
                    if (n >= min && n <= max) {
                        return Optional.of(n);
                    }
                    error(what + " must be between " + min + " and " + max + ", got " + w);
                } catch (NumberFormatException e) {
                    error("expected " + what + " (a whole number), found '" + w + "'");
                }
                return Optional.empty();
            });
        }

        Optional<Duration> time(String what) {
            return word(what).flatMap(w -> report(Units.parseTime(w), w, what + " like 0, 45s, 30m, 2h or 1d12h"));
        }

        Optional<Long> size(String what, long max) {
            return word(what).flatMap(w -> sizeOf(w, max));
        }

        Optional<Long> sizeOf(String w, long max) {
            Optional<Long> size = report(Units.parseSize(w), w, "a size like 512, 20KB or 10MB");
            if (size.isPresent() && size.get() > max) {
                error("size " + w + " is too large (at most " + Units.formatSize(max) + ")");
                return Optional.empty();
            }
            return size;
        }

        Optional<String> network() {
            return word("a network name").flatMap(w -> report(NetworkProfile.named(w).map(NetworkProfile::name), w,
                    "a network (" + NetworkProfile.names() + ")"));
        }

        Optional<StrategyName> strategy() {
            return word("a strategy").flatMap(w -> report(StrategyName.fromWord(w), w,
                    "a strategy (" + strategyWords() + ")"));
        }

        private <T> Optional<T> report(Optional<T> value, String word, String what) {
            if (value.isEmpty()) {
                error("'" + word + "' is not " + what);
            }
            return value;
        }
    }
}
