package org.maillab.simulator.strategy;

import java.io.IOException;
import java.util.Optional;
import org.maillab.simulator.servers.ServerTarget;
import org.maillab.simulator.scenario.Action;
import org.maillab.simulator.scenario.StrategyName;

/**
 * A scripted mail client: how a device synchronises and how it carries out what the user does.
 * Implementations talk to the target through {@link DeviceContext#connect}, whose sockets are tapped,
 * and keep the device's mail in {@link DeviceContext#store()}. One instance serves one run.
 */
public interface Strategy {

    /** Mark name a strategy puts on its tap when the newest new message has become readable. */
    String NEWEST_READABLE = "newest-readable";

    StrategyName name();

    /** Empty if the strategy can run against the target; otherwise why not, in words for the report. */
    Optional<String> unavailableReason(ServerTarget target);

    /** A scheduled or explicit check for new mail: typically one session. */
    void check(DeviceContext device) throws IOException;

    /**
     * A user action (open, read, flag, answer, move, delete, search). Failures and connectivity are
     * handled by the simulation, not here.
     */
    void act(DeviceContext device, Action action) throws IOException;

}
