package org.maillab.simulator.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.scenario.StrategyName;

/**
 * Everything measured in one run of one scenario with one strategy.
 *
 * @param strategy       the strategy compared
 * @param status         whether it ran
 * @param note           why it did not run or where it failed; empty when it ran to the end
 * @param sessions       every client session, in order
 * @param storage        storage over time
 * @param consistency    cross-device disagreement at the end
 * @param lostMessages   messages gone for good when devices died
 * @param quotaRefusals  deliveries the server refused for quota
 * @param delivered      messages delivered
 * @param couldNotOpen   messages a user wanted to open that the device could not show
 * @param searches       searches made
 * @param downloads      whole messages downloaded, over all devices
 * @param redownloads    of those, messages a device had downloaded before
 */
public record RunResult(StrategyName strategy, Status status, String note, List<SessionRecord> sessions,
                        List<StorageSample> storage, Consistency consistency, int lostMessages, int quotaRefusals,
                        int delivered, int couldNotOpen, List<SearchOutcome> searches, int downloads,
                        int redownloads) {

    /** How a run ended. */
    public enum Status {
        /** Ran to the end. */
        COMPLETED,
        /** Stopped by an error (a misbehaving server, a timeout); the measures cover what ran. */
        FAILED,
        /** Could not run at all (e.g. the target serves no IMAP). */
        UNAVAILABLE
    }

    public RunResult {
        sessions = List.copyOf(sessions);
        storage = List.copyOf(storage);
        searches = List.copyOf(searches);
    }

    public static RunResult unavailable(StrategyName strategy, String reason) {
        return new RunResult(strategy, Status.UNAVAILABLE, reason, List.of(), List.of(), new Consistency(0, 0, 0, 0),
                0, 0, 0, 0, List.of(), 0, 0);
    }

    public boolean measured() {
        return status != Status.UNAVAILABLE;
    }

    /** The sum over all sessions. */
    public WireStats totals() {
        return sessions.stream().map(SessionRecord::stats).reduce(WireStats.ZERO, WireStats::plus);
    }

    /** Modelled time summed over sessions, each on its own device's network. */
    public Duration modelledTime() {
        return sessions.stream().map(SessionRecord::modelled).reduce(Duration.ZERO, Duration::plus);
    }

    /** Modelled time summed over sessions as if every device were on the model's link. */
    public Duration modelledTimeOn(TimeModel model) {
        return sessions.stream().map(s -> model.time(s.stats())).reduce(Duration.ZERO, Duration::plus);
    }

    /** Of {@link #modelledTimeOn}, the part spent waiting on round trips. */
    public Duration latencyOn(TimeModel model) {
        return sessions.stream().map(s -> model.latency(s.stats())).reduce(Duration.ZERO, Duration::plus);
    }

    /** Mean modelled time until the newest message was readable, over sessions that brought new mail. */
    public Optional<Duration> meanTimeToNewest() {
        OptionalDouble mean = sessions.stream().flatMap(s -> s.newestReadable().stream())
                .mapToLong(Duration::toNanos).average();
        return mean.isPresent() ? Optional.of(Duration.ofNanos(Math.round(mean.getAsDouble()))) : Optional.empty();
    }

    /** The largest server storage seen (-1 if unknown). */
    public long peakServerBytes() {
        return storage.stream().mapToLong(StorageSample::server).max().orElse(-1);
    }

    /** The server storage at the end (-1 if unknown). */
    public long finalServerBytes() {
        return storage.isEmpty() ? -1 : storage.get(storage.size() - 1).server();
    }

    /** The largest storage seen on any one device. */
    public long peakDeviceBytes() {
        return storage.stream().flatMap(s -> s.devices().values().stream()).mapToLong(Long::longValue).max().orElse(0);
    }

    /** Traffic of one device's sessions. */
    public WireStats totalsOf(String device) {
        return sessions.stream().filter(s -> s.device().equals(device)).map(SessionRecord::stats)
                .reduce(WireStats.ZERO, WireStats::plus);
    }

    /** Modelled time of one device's sessions. */
    public Duration modelledTimeOf(String device) {
        return sessions.stream().filter(s -> s.device().equals(device)).map(SessionRecord::modelled)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Whether any session used COMPRESS=DEFLATE (RFC 4978). */
    public boolean compressed() {
        return sessions.stream().anyMatch(SessionRecord::compressed);
    }

    /** The sum over all sessions of what they would have moved without COMPRESS (claim C19). */
    public WireStats totalsWithoutCompression() {
        return sessions.stream().map(SessionRecord::withoutCompression).reduce(WireStats.ZERO, WireStats::plus);
    }

    /** Modelled time of the sessions without COMPRESS, each on its own device's network. */
    public Duration modelledTimeWithoutCompression() {
        return sessions.stream().map(SessionRecord::modelledWithoutCompression).reduce(Duration.ZERO, Duration::plus);
    }
}
