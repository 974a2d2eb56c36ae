package org.maillab.transport.transcript;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts, per connection, the bytes each way and the round trips (the simulator's network model turns these
 * into modelled time). A round trip is counted each time the client sends after the server has sent
 * something since the client's previous bytes; the greeting before the first command is therefore the
 * first half of the first round trip.
 */
public final class TrafficCounter implements TranscriptSink {

    /** What one connection moved so far. */
    public record Traffic(long bytesFromClient, long bytesToClient, long roundTrips) {
    }

    private static final class Counts {
        long fromClient;
        long toClient;
        long roundTrips;
        boolean serverSpokeSinceClient;
    }

    private final Map<Long, Counts> counts = new ConcurrentHashMap<>();

    @Override
    public void entry(TranscriptEntry entry) {
        // Only bytes count here.
    }

    @Override
    public void bytes(long connectionId, boolean fromClient, long count) {
        Counts c = counts.computeIfAbsent(connectionId, id -> new Counts());
        synchronized (c) {
            if (fromClient) {
                if (c.serverSpokeSinceClient) {
                    c.roundTrips++;
                    c.serverSpokeSinceClient = false;
                }
                c.fromClient += count;
            } else {
                c.toClient += count;
                c.serverSpokeSinceClient = true;
            }
        }
    }

    /** The traffic of one connection (zeros if it never moved a byte). */
    public Traffic traffic(long connectionId) {
        Counts c = counts.get(connectionId);
        if (c == null) {
            return new Traffic(0, 0, 0);
        }
        synchronized (c) {
            return new Traffic(c.fromClient, c.toClient, c.roundTrips);
        }
    }

    /** The sum over all connections; {@code roundTrips} is the sum of each connection's. */
    public Traffic total() {
        long in = 0;
        long out = 0;
        long rt = 0;
        for (Long id : counts.keySet()) {
            Traffic t = traffic(id);
            in += t.bytesFromClient();
            out += t.bytesToClient();
            rt += t.roundTrips();
        }
        return new Traffic(in, out, rt);
    }

    /** The number of connections seen. */
    public int connections() {
        return counts.size();
    }
}
