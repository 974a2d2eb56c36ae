package org.maillab.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.maillab.simulator.network.LinkModel;

/**
 * A whole scenario as written in a scenario file (see {@code docs/scenario-format.md}): who has which
 * account, what mail arrives when, which devices read it how, what the users do and what goes wrong.
 * Values only; {@link ScenarioParser} builds it, {@link ScenarioFormatter} writes it back.
 *
 * @param name      a short identifier, e.g. {@code hotel}
 * @param title     one line for people
 * @param claims    the claims of {@code CLAIMS.md} the scenario tests, e.g. {@code C9}
 * @param seed      seeds every random choice, so a scenario always generates the same mail
 * @param duration  how much virtual time the scenario covers
 * @param network   the network of devices that do not name their own
 * @param compare   the strategies the scenario is run with, one run each
 * @param accounts  the accounts on the server
 * @param mail      mail arriving over time
 * @param devices   the devices that read mail
 * @param events    user actions, failures and connectivity changes, in file order
 * @param compress  whether IMAP clients ask for COMPRESS=DEFLATE
 * @param link      what the time model adds per connection: TLS, TCP slow start
 */
public record Scenario(String name, String title, List<String> claims, long seed, Duration duration,
                       String network, List<StrategyName> compare, List<AccountSpec> accounts,
                       List<MailSpec> mail, List<DeviceSpec> devices, List<EventSpec> events, boolean compress,
                       LinkModel link) {

    public Scenario {
        claims = List.copyOf(claims);
        compare = List.copyOf(compare);
        accounts = List.copyOf(accounts);
        mail = List.copyOf(mail);
        devices = List.copyOf(devices);
        events = List.copyOf(events);
    }

    /** The account of that name, if declared. */
    public Optional<AccountSpec> account(String accountName) {
        return accounts.stream().filter(a -> a.name().equals(accountName)).findFirst();
    }

    /** The device of that name, if declared. */
    public Optional<DeviceSpec> device(String deviceName) {
        return devices.stream().filter(d -> d.name().equals(deviceName)).findFirst();
    }

    /** The network a device is on: its own, or the scenario's. */
    public String networkOf(DeviceSpec device) {
        return device.network().orElse(network);
    }

    /** A scenario on plain TCP without slow start (the statements {@code tls} and {@code slow-start} change it). */
    public Scenario(String name, String title, List<String> claims, long seed, Duration duration, String network,
                    List<StrategyName> compare, List<AccountSpec> accounts, List<MailSpec> mail,
                    List<DeviceSpec> devices, List<EventSpec> events, boolean compress) {
        this(name, title, claims, seed, duration, network, compare, accounts, mail, devices, events, compress, LinkModel.PLAIN);
    }

    /** A scenario whose IMAP clients do not ask for COMPRESS. */
    public Scenario(String name, String title, List<String> claims, long seed, Duration duration, String network,
                    List<StrategyName> compare, List<AccountSpec> accounts, List<MailSpec> mail,
                    List<DeviceSpec> devices, List<EventSpec> events) {
        this(name, title, claims, seed, duration, network, compare, accounts, mail, devices, events, false);
    }

    /** This scenario with another seed (the command line's {@code --seed}). */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, title, claims, newSeed, duration, network, compare, accounts, mail, devices, events,
                compress, link);
    }

    /**
     * This scenario with IMAP clients that compress (RFC 4978 COMPRESS=DEFLATE, when the server offers it),
     * the statement {@code compress deflate} or the command line's {@code --compress}.
     */
    public Scenario withCompress(boolean on) {
        return new Scenario(name, title, claims, seed, duration, network, compare, accounts, mail, devices, events, on, link);
    }

    /** This scenario with these devices instead (a sweep's check interval). */
    public Scenario withDevices(List<DeviceSpec> newDevices) {
        return new Scenario(name, title, claims, seed, duration, network, compare, accounts, mail, newDevices, events,
                compress, link);
    }

    /** This scenario with these accounts instead (a sweep's quota). */
    public Scenario withAccounts(List<AccountSpec> newAccounts) {
        return new Scenario(name, title, claims, seed, duration, network, compare, newAccounts, mail, devices, events,
                compress, link);
    }

    /** This scenario with every device on one network (the command line's {@code --network}). */
    public Scenario withNetworkForAll(String newNetwork) {
        List<DeviceSpec> moved = devices.stream()
                .map(d -> new DeviceSpec(d.name(), d.account(), d.strategy(), d.checkEvery(), d.checkStart(),
                        Optional.empty(), d.deleteAfter()))
                .toList();
        return new Scenario(name, title, claims, seed, duration, newNetwork, compare, accounts, mail, moved, events,
                compress, link);
    }
}
