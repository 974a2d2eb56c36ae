package org.maillab.simulator.strategy;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.simulator.network.TappedSocket;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.Selector;
import org.maillab.simulator.world.DeviceStore;
import org.maillab.simulator.world.HeaderSummary;
import org.maillab.simulator.world.LocalMessage;

/**
 * What both POP3 strategies share: the offline model. POP3 only downloads (RFC 1939 has no flags, no
 * folders, no search), so every user action works on the device's own copy and costs no traffic;
 * read state, flags and folders never reach the server or the other devices.
 */
abstract class Pop3Strategy implements Strategy {

    @Override
    public Optional<String> unavailableReason(ServerTarget target) {
        return target.pop3().isPresent() ? Optional.empty() : Optional.of("the target serves no POP3 (give --target pop3://HOST:PORT)");
    }

    /** A logged-in client and the tapped socket under it. */
    record Session(Pop3Client client, TappedSocket socket) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** Opens a logged-in client session. */
    static Session login(DeviceContext device, String label) throws IOException {
        ServerTarget.Endpoint endpoint = device.target().pop3().orElseThrow();
        TappedSocket socket = device.connect(endpoint, label);
        socket.setTcpNoDelay(true);
        Pop3Client client = Pop3Client.over(socket);
        ServerTarget.Credentials login = device.credentials();
        try {
            client.login(login.user(), login.password());
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return new Session(client, socket);
    }

    /** RETR one message into the device's store (whole: POP3 cannot fetch less, short of TOP). */
    static LocalMessage download(DeviceContext device, Session session, int number, String serverKey, boolean newest)
            throws IOException {
        HeaderSummary summary = new HeaderSummary();
        session.client().retr(number, summary);
        String id = summary.messageId().isEmpty() ? "pop3:" + serverKey : summary.messageId();
        LocalMessage message = new LocalMessage(id, serverKey, summary.subject(), summary.from(), summary.octets(),
                true, true, false, false, false, DeviceStore.INBOX, device.now());
        device.store().put(message);
        device.downloaded(id, summary.octets());
        if (newest) {
            session.socket().tap().mark(Strategy.NEWEST_READABLE);
        }
        return message;
    }

    @Override
    public void act(DeviceContext device, Action action) {
        DeviceStore store = device.store();
        if (action instanceof Action.Open open) {
            List<LocalMessage> chosen = chosen(device, open.which());
            chosen.forEach(m -> store.put(m.withSeen(true)));
        } else if (action instanceof Action.MarkRead read) {
            store.select(read.which()).forEach(m -> store.put(m.withSeen(true)));
        } else if (action instanceof Action.Flag flag) {
            store.select(flag.which()).forEach(m -> store.put(m.withFlagged(true)));
        } else if (action instanceof Action.Answer answer) {
            store.select(answer.which()).forEach(m -> store.put(m.withAnswered(true).withSeen(true)));
        } else if (action instanceof Action.Move move) {
            store.select(move.which()).forEach(m -> store.put(m.withFolder(move.folder())));
        } else if (action instanceof Action.Delete delete) {
            store.select(delete.which()).forEach(m -> store.remove(m.messageId()));
        } else if (action instanceof Action.Search search) {
            String needle = search.text().toLowerCase(Locale.ROOT);
            int found = (int) store.all().stream()
                    .filter(m -> m.subject().toLowerCase(Locale.ROOT).contains(needle)
                            || m.from().toLowerCase(Locale.ROOT).contains(needle))
                    .count();
            device.searched(search.text(), found);
        }
    }

    /** The messages a selector picks, recording those the user wanted but this device does not have. */
    private static List<LocalMessage> chosen(DeviceContext device, Selector which) {
        List<LocalMessage> chosen = device.store().select(which);
        if ((which.kind() == Selector.Kind.NEWEST || which.kind() == Selector.Kind.OLDEST) && chosen.size() < which.count()) {
            device.couldNotOpen(which.count() - chosen.size());
        }
        return chosen;
    }
}
