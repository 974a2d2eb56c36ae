package org.maillab.simulator.strategy;

import java.io.IOException;
import java.time.Duration;
import org.maillab.simulator.network.TappedSocket;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.servers.ServerTarget.Credentials;
import org.maillab.simulator.servers.ServerTarget.Endpoint;
import org.maillab.simulator.world.DeviceStore;

/** What a strategy sees of one device during a run. Provided by the simulation. */
public interface DeviceContext {

    DeviceSpec spec();

    /** The device's own mail. */
    DeviceStore store();

    /** Whether the device has its network now; checks are not even attempted while it has not. */
    boolean online();

    /** Virtual time now. */
    Duration now();

    Credentials credentials();

    /**
     * Opens a tapped connection for one client session. Everything sent and received through it is
     * recorded as a session of this device under {@code label}; the socket has the run's timeout.
     */
    TappedSocket connect(Endpoint endpoint, String label) throws IOException;

    /** Whether IMAP sessions ask for COMPRESS=DEFLATE (RFC 4978) when the server offers it. */
    default boolean compress() {
        return false;
    }

    /** The read timeout of connections, for clients that set their own. */
    int timeoutMillis();

    /** The target's endpoints. */
    org.maillab.simulator.servers.ServerTarget target();

    /** Records that a search found {@code found} messages. */
    void searched(String text, int found);

    /** Records that the user wanted to open messages this device cannot show (not on it, not on the server). */
    void couldNotOpen(int count);


    /** Records that the device downloaded a whole message (the simulation counts repeats). */
    void downloaded(String messageId, long octets);
}
