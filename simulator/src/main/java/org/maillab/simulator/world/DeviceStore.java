package org.maillab.simulator.world;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.maillab.simulator.scenario.Selector;

/**
 * A device's own mail: what it has downloaded, its read state and folders, kept in memory. Also what a
 * strategy must remember between sessions (POP3 UIDLs already fetched, when each was first seen).
 */
public final class DeviceStore {

    public static final String INBOX = "INBOX";

    private final Map<String, LocalMessage> messages = new LinkedHashMap<>();
    private final Set<String> knownServerKeys = new TreeSet<>();
    private final Map<String, Duration> firstSeen = new HashMap<>();

    /** Adds or replaces a message (insertion order is arrival order, oldest first). */
    public void put(LocalMessage message) {
        messages.put(message.messageId(), message);
    }

    public Optional<LocalMessage> get(String messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    public void remove(String messageId) {
        messages.remove(messageId);
    }

    /** Every message the device holds, oldest first. */
    public List<LocalMessage> all() {
        return List.copyOf(messages.values());
    }

    /** Messages in a folder, oldest first. */
    public List<LocalMessage> folder(String folder) {
        return messages.values().stream().filter(m -> m.folder().equals(folder)).toList();
    }

    /** The INBOX messages a selector picks. */
    public List<LocalMessage> select(Selector selector) {
        List<LocalMessage> inbox = folder(INBOX);
        return switch (selector.kind()) {
            case ALL -> inbox;
            case UNREAD -> inbox.stream().filter(m -> !m.seen()).toList();
            case NEWEST -> inbox.subList(Math.max(0, inbox.size() - selector.count()), inbox.size());
            case OLDEST -> inbox.subList(0, Math.min(inbox.size(), selector.count()));
        };
    }

    /** Octets held on the device. */
    public long storedBytes() {
        return messages.values().stream().mapToLong(LocalMessage::storedBytes).sum();
    }

    /** Server keys (e.g. UIDLs) this device has already fetched, even if the user deleted them since. */
    public Set<String> knownServerKeys() {
        return Set.copyOf(knownServerKeys);
    }

    public boolean knows(String serverKey) {
        return knownServerKeys.contains(serverKey);
    }

    public void remember(String serverKey, Duration when) {
        knownServerKeys.add(serverKey);
        firstSeen.putIfAbsent(serverKey, when);
    }

    public void forget(Collection<String> serverKeys) {
        knownServerKeys.removeAll(serverKeys);
        serverKeys.forEach(firstSeen::remove);
    }

    public Optional<Duration> firstSeen(String serverKey) {
        return Optional.ofNullable(firstSeen.get(serverKey));
    }

    /** The device died: everything on it is gone. */
    public void wipe() {
        messages.clear();
        knownServerKeys.clear();
        firstSeen.clear();
    }

    /** Message-IDs held, for consistency and loss measures. */
    public List<String> messageIds() {
        return new ArrayList<>(messages.keySet());
    }
}
