package org.maillab.simulator.network;

/**
 * How a scenario's connections are modelled beyond RTT and bandwidth.
 *
 * @param tls       what each connection pays for TLS (none, as the in-process servers speak plain text)
 * @param slowStart whether each connection pays TCP slow start (RFC 5681 §3.1, initial window RFC 6928)
 */
public record LinkModel(Tls tls, boolean slowStart) {

    /** Plain TCP, no slow start: today's lower bound. */
    public static final LinkModel PLAIN = new LinkModel(Tls.NONE, false);

    /** The time model of one link with these options. */
    public TimeModel on(NetworkProfile network) {
        return new TimeModel(network, 1, tls, slowStart);
    }

    /** For reports: e.g. "TLS 1.3, slow start on". */
    public String describe() {
        return tls.label() + ", slow start " + (slowStart ? "on" : "off");
    }
}
