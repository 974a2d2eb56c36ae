package org.maillab.simulator.strategy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.pop3.client.Pop3Exception;
import org.maillab.simulator.scenario.StrategyName;

/**
 * POP3 leave-on-server, the "pseudo-online" mode of claim C11: each check asks UIDL (RFC 1939 §7) and
 * RETRieves only the messages whose unique-id the device has not fetched before; with
 * {@code delete-after} it DELEs messages that long after it first fetched them. A server without UIDL
 * ("not on all servers") leaves the device no way to tell old from new: it fetches everything again
 * (duplicates are then recognised by Message-ID, after the bytes were spent).
 */
public final class Pop3KeepStrategy extends Pop3Strategy {

    @Override
    public StrategyName name() {
        return StrategyName.POP3_KEEP;
    }

    @Override
    public void check(DeviceContext device) throws IOException {
        try (Session session = login(device, "check")) {
            Pop3Client client = session.client();
            Optional<List<Pop3Client.UniqueId>> uidl = uidl(client);
            List<Integer> fetch = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            if (uidl.isPresent()) {
                for (Pop3Client.UniqueId u : uidl.get()) {
                    if (!device.store().knows(u.uid())) {
                        fetch.add(u.number());
                        keys.add(u.uid());
                    }
                }
            } else {
                for (Pop3Client.Listing l : client.list()) {
                    fetch.add(l.number());
                    keys.add("");
                }
            }
            for (int i = 0; i < fetch.size(); i++) {
                String key = keys.get(i);
                var message = download(device, session, fetch.get(i), key, i == fetch.size() - 1);
                device.store().remember(key.isEmpty() ? "id:" + message.messageId() : key, device.now());
            }
            List<String> deleted = new ArrayList<>();
            if (uidl.isPresent() && device.spec().deleteAfter().isPresent()) {
                Duration keep = device.spec().deleteAfter().get();
                for (Pop3Client.UniqueId u : uidl.get()) {
                    Optional<Duration> first = device.store().firstSeen(u.uid());
                    if (first.isPresent() && first.get().plus(keep).compareTo(device.now()) <= 0) {
                        client.dele(u.number());
                        deleted.add(u.uid());
                    }
                }
            }
            client.quit();
            // Keep the deleted UIDs known: a server must not reuse them (RFC 1939 §7), and forgetting
            // costs nothing but memory; a real client prunes them when UIDL stops listing them.
        }
    }

    /** UIDL, or empty if the server does not support it (-ERR). */
    private static Optional<List<Pop3Client.UniqueId>> uidl(Pop3Client client) throws IOException {
        try {
            return Optional.of(client.uidl());
        } catch (Pop3Exception e) {
            return Optional.empty();
        }
    }
}
