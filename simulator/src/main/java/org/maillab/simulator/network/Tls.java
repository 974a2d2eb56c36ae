package org.maillab.simulator.network;

/**
 * What TLS adds to each connection in the time model: round trips before the first application byte,
 * and the handshake's octets each way. The octets are typical figures for a full handshake with a
 * two-certificate RSA-2048 chain (server certificate and one intermediate) and no session resumption:
 * TLS 1.2 (RFC 5246 §7.3) takes two round trips, TLS 1.3 (RFC 8446 §2) one.
 *
 * @param label       for reports
 * @param rtts        extra round trips per connection
 * @param bytesDown   server-to-client handshake octets (ServerHello, Certificate, ..., Finished)
 * @param bytesUp     client-to-server handshake octets (ClientHello, key exchange, Finished)
 */
public enum Tls {
    NONE("plain TCP", 0, 0, 0),
    TLS12("TLS 1.2", 2, 4_300, 330),
    TLS13("TLS 1.3", 1, 4_100, 520);

    private final String label;
    private final int rtts;
    private final long bytesDown;
    private final long bytesUp;

    Tls(String label, int rtts, long bytesDown, long bytesUp) {
        this.label = label;
        this.rtts = rtts;
        this.bytesDown = bytesDown;
        this.bytesUp = bytesUp;
    }

    public String label() {
        return label;
    }

    public int rtts() {
        return rtts;
    }

    public long bytesDown() {
        return bytesDown;
    }

    public long bytesUp() {
        return bytesUp;
    }

    /** The word in scenario files: {@code none}, {@code 1.2}, {@code 1.3}. */
    public String word() {
        return switch (this) {
            case NONE -> "none";
            case TLS12 -> "1.2";
            case TLS13 -> "1.3";
        };
    }
}
