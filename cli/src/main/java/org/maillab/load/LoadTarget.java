package org.maillab.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where the load goes: an {@code imap://HOST:PORT} URI restricted to this machine.
 *
 * <p>A load generator pointed at someone else's server is an attack, so only loopback targets are
 * accepted: {@code localhost}, 127.0.0.0/8 and {@code ::1}. Host names other than {@code localhost}
 * are refused without a DNS lookup.
 *
 * @param host the host as given (an address literal or {@code localhost})
 * @param port the TCP port
 */
public record LoadTarget(String host, int port) {

    /** Parses {@code imap://HOST:PORT} (the port defaults to 143); throws IllegalArgumentException otherwise. */
    public static LoadTarget parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--target wants imap://HOST:PORT, got '" + text + "'");
        }
        if (!"imap".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--target wants imap://HOST:PORT, got '" + text + "'");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("refusing target '" + host
                    + "': maillab load only talks to this machine (localhost, 127.0.0.0/8, ::1)");
        }
        int port = uri.getPort() < 0 ? 143 : uri.getPort();
        return new LoadTarget(host, port);
    }

    /** Whether {@code host} is {@code localhost} or a loopback address literal (no name resolution). */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv4Literal = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6Literal = host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
        if (!ipv4Literal && !ipv6Literal) {
            return false;
        }
        try {
            // A literal: getByName parses it and never asks DNS.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "imap://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
