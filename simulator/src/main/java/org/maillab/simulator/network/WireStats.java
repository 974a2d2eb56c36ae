package org.maillab.simulator.network;

/**
 * What crossed the wire, as a client saw it.
 *
 * @param bytesDown   octets received from the server
 * @param bytesUp     octets sent to the server
 * @param roundTrips  flights: a request (one or more commands written together) and its response;
 *                    the server's greeting counts as one
 * @param commands    command lines sent (lines ending in LF written by the client)
 * @param connections TCP connections opened
 */
public record WireStats(long bytesDown, long bytesUp, long roundTrips, long commands, long connections) {

    public static final WireStats ZERO = new WireStats(0, 0, 0, 0, 0);

    public WireStats plus(WireStats o) {
        return new WireStats(bytesDown + o.bytesDown, bytesUp + o.bytesUp, roundTrips + o.roundTrips,
                commands + o.commands, connections + o.connections);
    }

    public WireStats minus(WireStats o) {
        return new WireStats(bytesDown - o.bytesDown, bytesUp - o.bytesUp, roundTrips - o.roundTrips,
                commands - o.commands, connections - o.connections);
    }
}
