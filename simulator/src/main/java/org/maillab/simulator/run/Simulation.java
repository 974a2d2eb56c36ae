package org.maillab.simulator.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.TappedSocket;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.network.WireTap;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.scenario.EventSpec;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioFormatter;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.scenario.Units;
import org.maillab.simulator.strategy.DeviceContext;
import org.maillab.simulator.strategy.Strategy;
import org.maillab.simulator.strategy.StrategyFactory;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.world.DeviceStore;
import org.maillab.simulator.world.GeneratedMessage;
import org.maillab.simulator.world.MessageSource;
import org.maillab.simulator.world.VirtualClock;
import org.maillab.simulator.world.WorldPlan;

/**
 * Runs a scenario once per compared strategy: delivers the planned mail as virtual time passes, lets
 * each device check on its schedule and carry out its user's actions through the strategy, and
 * measures. A strategy that fails (a server that hangs or answers garbage) ends its own run with a
 * message; the other runs go on.
 */
public final class Simulation {

    /** Makes a fresh target for each run. */
    public interface TargetFactory {
        ServerTarget create() throws IOException;
    }

    /**
     * How to run.
     *
     * @param timeoutMillis how long a client waits for a server before giving up
     * @param source        the message writer
     * @param progress      receives one line per step worth telling a person
     */
    public record Options(int timeoutMillis, MessageSource source, Consumer<String> progress) {
        public static Options defaults() {
            return new Options(10_000, MessageSource.standard(), line -> { });
        }
    }

    private final Scenario scenario;
    private final WorldPlan plan;
    private final TargetFactory targets;
    private final StrategyFactory strategies;
    private final Options options;

    public Simulation(Scenario scenario, TargetFactory targets, StrategyFactory strategies, Options options) {
        this.scenario = scenario;
        this.plan = WorldPlan.of(scenario);
        this.targets = targets;
        this.strategies = strategies;
        this.options = options;
    }

    /** Runs every compared strategy. */
    public ScenarioResult run() {
        List<RunResult> runs = new ArrayList<>();
        String targetDescription = "";
        for (StrategyName name : scenario.compare()) {
            options.progress.accept(scenario.name() + ": " + name.label() + "...");
            String stage = "could not start the servers: ";
            try (ServerTarget target = targets.create()) {
                stage = "could not prepare the target: ";
                targetDescription = target.description();
                RunResult result = new Run(name, target).execute();
                runs.add(result);
                options.progress.accept(scenario.name() + ": " + name.label() + ": " + switch (result.status()) {
                    case COMPLETED -> "done";
                    case FAILED -> "FAILED: " + result.note();
                    case UNAVAILABLE -> result.note();
                });
            } catch (IOException | RuntimeException e) {
                runs.add(new RunResult(name, RunResult.Status.FAILED, stage + describe(e),
                        List.of(), List.of(), new Consistency(0, 0, 0, 0), 0, 0, 0, 0, List.of(), 0, 0));
            }
        }
        return new ScenarioResult(scenario, targetDescription, plan.messages().size(), runs);
    }

    static String describe(Throwable e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer from the server (timed out)";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A device during a run. */
    private final class Device implements DeviceContext {
        final DeviceSpec spec;
        final Strategy strategy;
        final DeviceStore store = new DeviceStore();
        final TimeModel timeModel;
        final Run run;
        boolean alive = true;
        boolean online = true;
        final Set<String> everDownloaded = new HashSet<>();

        Device(DeviceSpec spec, Strategy strategy, Run run) {
            this.spec = spec;
            this.strategy = strategy;
            this.run = run;
            this.timeModel = scenario.link().on(NetworkProfile.named(scenario.networkOf(spec)).orElseThrow());
        }

        @Override
        public DeviceSpec spec() {
            return spec;
        }

        @Override
        public DeviceStore store() {
            return store;
        }

        @Override
        public boolean online() {
            return online;
        }

        @Override
        public Duration now() {
            return run.clock.now();
        }

        @Override
        public ServerTarget.Credentials credentials() {
            return run.target.credentials(scenario.account(spec.account()).orElseThrow());
        }

        @Override
        public TappedSocket connect(ServerTarget.Endpoint endpoint, String label) throws IOException {
            WireTap tap = new WireTap(label);
            run.openSessions.add(new OpenSession(this, tap, run.clock.now(), endpoint));
            return TappedSocket.open(endpoint.host(), endpoint.port(), options.timeoutMillis, tap);
        }

        @Override
        public int timeoutMillis() {
            return options.timeoutMillis;
        }

        @Override
        public boolean compress() {
            return scenario.compress();
        }

        @Override
        public ServerTarget target() {
            return run.target;
        }

        @Override
        public void searched(String text, int found) {
            run.searches.add(new SearchOutcome(spec.name(), text, found, run.existingMatching(spec.account(), text), 0));
        }

        @Override
        public void couldNotOpen(int count) {
            run.couldNotOpen += count;
        }

        @Override
        public void downloaded(String messageId, long octets) {
            run.downloads++;
            if (!everDownloaded.add(messageId)) {
                run.redownloads++;
            }
        }
    }

    private record OpenSession(Device device, WireTap tap, Duration at, ServerTarget.Endpoint endpoint) {
    }

    /** One step of the timeline; {@code order} breaks ties at equal times. */
    private record Step(Duration at, int order, int sequence, Runnable work) {
    }

    /** Thrown inside a step when the strategy failed; ends the run. */
    private static final class StrategyFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StrategyFailure(String message) {
            super(message);
        }
    }

    private final class Run {
        final StrategyName name;
        final ServerTarget target;
        final VirtualClock clock = new VirtualClock();
        final Map<String, Device> devices = new LinkedHashMap<>();
        final List<OpenSession> openSessions = new ArrayList<>();
        final List<SessionRecord> sessions = new ArrayList<>();
        final List<StorageSample> storage = new ArrayList<>();
        final List<SearchOutcome> searches = new ArrayList<>();
        final Set<String> delivered = new HashSet<>();
        int lost;
        int quotaRefusals;
        int couldNotOpen;
        int downloads;
        int redownloads;

        Run(StrategyName name, ServerTarget target) {
            this.name = name;
            this.target = target;
        }

        RunResult execute() throws IOException {
            for (DeviceSpec spec : scenario.devices()) {
                Strategy strategy = strategies.create(spec.strategy().orElse(name));
                Optional<String> why = strategy.unavailableReason(target);
                if (why.isPresent()) {
                    return RunResult.unavailable(name, why.get());
                }
                devices.put(spec.name(), new Device(spec, strategy, this));
            }
            for (AccountSpec account : scenario.accounts()) {
                target.prepare(account);
            }
            List<Step> steps = timeline();
            sample(); // time zero: nothing delivered yet
            String failure = "";
            try {
                int i = 0;
                while (i < steps.size()) {
                    Duration at = steps.get(i).at();
                    clock.advanceTo(at);
                    while (i < steps.size() && steps.get(i).at().equals(at)) {
                        steps.get(i++).work().run();
                    }
                    sample();
                }
                clock.advanceTo(scenario.duration());
                for (Device d : devices.values()) {
                    if (d.alive && d.online) {
                        check(d, "final check");
                    }
                }
                sample();
            } catch (StrategyFailure e) {
                failure = e.getMessage();
                sample();
            }
            return new RunResult(name, failure.isEmpty() ? RunResult.Status.COMPLETED : RunResult.Status.FAILED, failure,
                    sessions, storage, consistency(), lost, quotaRefusals, delivered.size(), couldNotOpen, searches, downloads, redownloads);
        }

        List<Step> timeline() {
            List<Step> steps = new ArrayList<>();
            for (GeneratedMessage m : plan.messages()) {
                steps.add(new Step(m.arrival(), 0, steps.size(), () -> deliver(m)));
            }
            for (Device d : devices.values()) {
                if (!d.spec.checkEvery().isZero()) {
                    for (Duration t = d.spec.checkStart(); t.compareTo(scenario.duration()) <= 0; t = t.plus(d.spec.checkEvery())) {
                        steps.add(new Step(t, 1, steps.size(), () -> {
                            if (d.alive && d.online) {
                                check(d, "check");
                            }
                        }));
                    }
                }
            }
            for (EventSpec e : scenario.events()) {
                steps.add(new Step(e.at(), 2, steps.size(), () -> event(devices.get(e.device()), e.action())));
            }
            steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order).thenComparingInt(Step::sequence));
            return steps;
        }

        void deliver(GeneratedMessage m) {
            try (InputStream content = options.source.open(m)) {
                if (target.deliver(m, content) == ServerTarget.Delivery.DELIVERED) {
                    delivered.add(m.messageId());
                } else {
                    quotaRefusals++;
                }
            } catch (IOException e) {
                throw new StrategyFailure("delivery of message " + m.number() + " failed: " + describe(e));
            }
        }

        void check(Device d, String why) {
            perform(d, why, () -> d.strategy.check(d));
        }

        void event(Device d, Action action) {
            if (!d.alive) {
                return;
            }
            if (action instanceof Action.Fail) {
                lost += lostIfDies(d);
                d.alive = false;
                d.store.wipe();
            } else if (action instanceof Action.GoOffline) {
                d.online = false;
            } else if (action instanceof Action.GoOnline) {
                d.online = true;
            } else if (action instanceof Action.Check) {
                if (d.online) {
                    check(d, "check");
                }
            } else {
                int before = sessions.size();
                int searchesBefore = searches.size();
                perform(d, ScenarioFormatter.action(action), () -> d.strategy.act(d, action));
                if (searches.size() == searchesBefore + 1) {
                    // what the search cost on the wire: the sessions it opened (none when it ran on local mail)
                    long down = sessions.subList(before, sessions.size()).stream().mapToLong(x -> x.stats().bytesDown()).sum();
                    SearchOutcome s = searches.get(searchesBefore);
                    searches.set(searchesBefore, new SearchOutcome(s.device(), s.text(), s.found(), s.existing(), down));
                }
            }
        }

        private interface Work {
            void run() throws IOException;
        }

        void perform(Device d, String what, Work work) {
            try {
                work.run();
            } catch (IOException | RuntimeException e) {
                OpenSession last = openSessions.isEmpty() ? null : openSessions.get(openSessions.size() - 1);
                String where = last == null ? "" : " (" + last.tap().label() + " session with " + last.endpoint() + ")";
                throw new StrategyFailure(String.format(Locale.ROOT, "%s on %s at %s%s: %s", what, d.spec.name(),
                        Units.formatTime(clock.now()), where, describe(e)));
            } finally {
                for (OpenSession s : openSessions) {
                    Optional<Duration> newest = s.tap().marks().stream().filter(mk -> mk.name().equals(Strategy.NEWEST_READABLE))
                            .findFirst().map(mk -> s.device().timeModel.time(mk.at()));
                    sessions.add(new SessionRecord(s.device().spec.name(), s.tap().label(), s.at(),
                            s.device().timeModel.network().name(), s.tap().stats(), s.device().timeModel.time(s.tap().stats()),
                            newest, s.tap().withoutCompression(), s.device().timeModel.time(s.tap().withoutCompression())));
                }
                openSessions.clear();
            }
        }

        Set<String> everywhere(String account, Device except) {
            Set<String> ids = new HashSet<>(target.messageIds(account).orElse(Set.of()));
            for (Device other : devices.values()) {
                if (other != except && other.alive && other.spec.account().equals(account)) {
                    ids.addAll(other.store.messageIds());
                }
            }
            return ids;
        }

        int lostIfDies(Device d) {
            if (target.messageIds(d.spec.account()).isEmpty()) {
                return 0; // the target cannot tell what it holds: nothing is claimed lost
            }
            Set<String> elsewhere = everywhere(d.spec.account(), d);
            return (int) d.store.messageIds().stream().filter(id -> !elsewhere.contains(id)).count();
        }

        int existingMatching(String account, String text) {
            Set<String> ids = everywhere(account, null);
            String needle = text.toLowerCase(Locale.ROOT);
            return (int) plan.forAccount(account).stream()
                    .filter(m -> ids.contains(m.messageId()))
                    .filter(m -> m.subject().toLowerCase(Locale.ROOT).contains(needle)
                            || m.from().toLowerCase(Locale.ROOT).contains(needle))
                    .count();
        }

        void sample() {
            long server = 0;
            for (AccountSpec a : scenario.accounts()) {
                OptionalLong bytes = target.storedBytes(a.name());
                if (bytes.isEmpty()) {
                    server = -1;
                    break;
                }
                server += bytes.getAsLong();
            }
            Map<String, Long> perDevice = new LinkedHashMap<>();
            devices.values().forEach(d -> perDevice.put(d.spec.name(), d.store.storedBytes()));
            StorageSample sample = new StorageSample(clock.now(), server, perDevice);
            if (!storage.isEmpty() && storage.get(storage.size() - 1).at().equals(sample.at())) {
                storage.set(storage.size() - 1, sample);
            } else {
                storage.add(sample);
            }
        }

        Consistency consistency() {
            int pairs = 0;
            int missing = 0;
            int readDiffers = 0;
            int folderDiffers = 0;
            List<Device> alive = devices.values().stream().filter(d -> d.alive).toList();
            for (int i = 0; i < alive.size(); i++) {
                for (int j = i + 1; j < alive.size(); j++) {
                    Device a = alive.get(i);
                    Device b = alive.get(j);
                    if (!a.spec.account().equals(b.spec.account())) {
                        continue;
                    }
                    pairs++;
                    Set<String> idsA = new HashSet<>(a.store.messageIds());
                    Set<String> idsB = new HashSet<>(b.store.messageIds());
                    for (String id : idsA) {
                        if (!idsB.contains(id)) {
                            missing++;
                        } else {
                            var ma = a.store.get(id).orElseThrow();
                            var mb = b.store.get(id).orElseThrow();
                            if (ma.seen() != mb.seen()) {
                                readDiffers++;
                            }
                            if (!ma.folder().equals(mb.folder())) {
                                folderDiffers++;
                            }
                        }
                    }
                    missing += (int) idsB.stream().filter(id -> !idsA.contains(id)).count();
                }
            }
            return new Consistency(pairs, missing, readDiffers, folderDiffers);
        }
    }
}
