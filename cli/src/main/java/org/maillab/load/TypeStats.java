package org.maillab.load;

import java.time.Duration;

/**
 * What one command type (or all of them) did in a run.
 *
 * @param count commands sent that got their tagged completion
 * @param ok    completions OK
 * @param no    completions NO (e.g. a message another client just expunged)
 * @param bad   completions BAD (a protocol error: the generator or the server is wrong)
 * @param p50   median latency, command written to completion read
 * @param p90   90th percentile latency
 * @param p99   99th percentile latency
 * @param max   slowest command
 */
public record TypeStats(long count, long ok, long no, long bad, Duration p50, Duration p90, Duration p99,
        Duration max) {

    static TypeStats of(long ok, long no, long bad, Latencies latencies) {
        long[] sorted = latencies.sorted();
        return new TypeStats(ok + no + bad, ok, no, bad,
                Duration.ofNanos(Latencies.percentile(sorted, 0.50)),
                Duration.ofNanos(Latencies.percentile(sorted, 0.90)),
                Duration.ofNanos(Latencies.percentile(sorted, 0.99)),
                Duration.ofNanos(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }
}
