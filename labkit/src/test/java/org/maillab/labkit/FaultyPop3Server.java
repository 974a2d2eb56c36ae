package org.maillab.labkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny POP3 server for conform's own tests: correct by default, and broken on purpose in the ways
 * {@link Fault} names, so a test can show that a named check catches each. One thread per connection,
 * one shared maildrop; test mail comes in through {@link #deliver}.
 */
final class FaultyPop3Server implements AutoCloseable {

    enum Fault {
        /** DELE removes the message at once instead of in the UPDATE state. */
        DELE_WITHOUT_QUIT,
        /** RSET answers +OK and unmarks nothing. */
        RSET_KEEPS_MARKS,
        /** LIST reports one octet more than RETR sends. */
        WRONG_LIST_OCTETS,
        /** RETR sends lines that begin with "." as they are. */
        NO_DOT_STUFFING,
        /** UIDL gives a different id in each session. */
        UIDL_CHANGES,
        /** A message number that names no message gets +OK. */
        NO_ERR_FOR_BAD_NUMBER
    }

    static final String USER = "student";
    static final String PASSWORD = "pw";

    private record Stored(String uid, String text) {
    }

    private final Set<Fault> faults;
    private final ServerSocket listener;
    private final List<Stored> maildrop = new ArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger uids = new AtomicInteger();

    private FaultyPop3Server(Set<Fault> faults) throws IOException {
        this.faults = faults;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-pop3");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FaultyPop3Server start(Set<Fault> faults) throws IOException {
        return new FaultyPop3Server(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults));
    }

    int port() {
        return listener.getLocalPort();
    }

    void deliver(byte[] message) {
        synchronized (maildrop) {
            maildrop.add(new Stored("uid" + uids.incrementAndGet(), new String(message, StandardCharsets.ISO_8859_1)));
        }
    }

    int size() {
        synchronized (maildrop) {
            return maildrop.size();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread t = new Thread(() -> serve(socket), "faulty-pop3-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            new Session(socket).run();
        } catch (IOException e) {
            // the client went away
        }
    }

    private final class Session {
        private final BufferedReader in;
        private final OutputStream out;
        private final int session = sessions.incrementAndGet();
        private List<Stored> view;
        private final Set<Integer> deleted = new HashSet<>();
        private boolean userGiven;

        Session(Socket socket) throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        }

        void run() throws IOException {
            send("+OK faulty POP3 ready");
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.split(" ");
                String verb = w[0].toUpperCase();
                if (verb.equals("QUIT")) {
                    quit();
                    return;
                }
                if (verb.equals("CAPA")) {
                    send("+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.");
                } else if (view == null) {
                    authorization(verb, w);
                } else {
                    transaction(verb, w);
                }
            }
        }

        private void authorization(String verb, String[] w) throws IOException {
            if (verb.equals("USER") && w.length == 2 && w[1].equals(USER)) {
                userGiven = true;
                send("+OK");
            } else if (verb.equals("PASS") && userGiven && w.length == 2 && w[1].equals(PASSWORD)) {
                synchronized (maildrop) {
                    view = List.copyOf(maildrop);
                }
                send("+OK logged in");
            } else {
                send("-ERR");
            }
        }

        private void transaction(String verb, String[] w) throws IOException {
            Integer n = w.length > 1 ? number(w[1]) : null;
            boolean badNumber = w.length > 1 && n == null;
            if (badNumber && (verb.equals("LIST") || verb.equals("RETR") || verb.equals("DELE") || verb.equals("UIDL")
                    || verb.equals("TOP"))) {
                if (faults.contains(Fault.NO_ERR_FOR_BAD_NUMBER)) {
                    send(verb.equals("RETR") || verb.equals("TOP") ? "+OK\r\n." : "+OK");
                } else {
                    send("-ERR no such message");
                }
                return;
            }
            switch (verb) {
                case "STAT" -> {
                    long octets = 0;
                    int count = 0;
                    for (int i = 1; i <= view.size(); i++) {
                        if (!deleted.contains(i)) {
                            count++;
                            octets += view.get(i - 1).text().length();
                        }
                    }
                    send("+OK " + count + " " + octets);
                }
                case "LIST" -> {
                    if (n != null) {
                        send("+OK " + n + " " + listed(n));
                        return;
                    }
                    StringBuilder b = new StringBuilder("+OK\r\n");
                    for (int i = 1; i <= view.size(); i++) {
                        if (!deleted.contains(i)) {
                            b.append(i).append(' ').append(listed(i)).append("\r\n");
                        }
                    }
                    send(b.append('.').toString());
                }
                case "UIDL" -> {
                    if (n != null) {
                        send("+OK " + n + " " + uid(n));
                        return;
                    }
                    StringBuilder b = new StringBuilder("+OK\r\n");
                    for (int i = 1; i <= view.size(); i++) {
                        if (!deleted.contains(i)) {
                            b.append(i).append(' ').append(uid(i)).append("\r\n");
                        }
                    }
                    send(b.append('.').toString());
                }
                case "RETR" -> sendMessage(view.get(n - 1).text(), Long.MAX_VALUE / 2);
                case "TOP" -> sendMessage(view.get(n - 1).text(), Integer.parseInt(w[2]));
                case "DELE" -> {
                    deleted.add(n);
                    if (faults.contains(Fault.DELE_WITHOUT_QUIT)) {
                        remove(List.of(view.get(n - 1)));
                    }
                    send("+OK marked");
                }
                case "RSET" -> {
                    if (!faults.contains(Fault.RSET_KEEPS_MARKS)) {
                        deleted.clear();
                    }
                    send("+OK");
                }
                case "NOOP" -> send("+OK");
                default -> send("-ERR unknown command");
            }
        }

        /** The message number if it names a message not marked deleted, else null. */
        private Integer number(String word) {
            try {
                int n = Integer.parseInt(word);
                return n >= 1 && n <= view.size() && !deleted.contains(n) ? n : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private long listed(int n) {
            return view.get(n - 1).text().length() + (faults.contains(Fault.WRONG_LIST_OCTETS) ? 1 : 0);
        }

        private String uid(int n) {
            return view.get(n - 1).uid() + (faults.contains(Fault.UIDL_CHANGES) ? "s" + session : "");
        }

        /** RETR ({@code bodyLines} unbounded) or TOP: the header, the blank line, then body lines. */
        private void sendMessage(String text, long bodyLines) throws IOException {
            List<String> lines = List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
            int blank = lines.indexOf("");
            long end = blank < 0 ? lines.size() : Math.min(lines.size(), blank + 1 + bodyLines);
            StringBuilder b = new StringBuilder("+OK\r\n");
            for (String line : lines.subList(0, (int) end)) {
                boolean stuff = line.startsWith(".") && !faults.contains(Fault.NO_DOT_STUFFING);
                b.append(stuff ? "." : "").append(line).append("\r\n");
            }
            send(b.append('.').toString());
        }

        private void quit() throws IOException {
            if (view != null) {
                List<Stored> gone = new ArrayList<>();
                for (int i : deleted) {
                    gone.add(view.get(i - 1));
                }
                remove(gone);
            }
            send("+OK bye");
        }

        private void send(String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private void remove(List<Stored> messages) {
        synchronized (maildrop) {
            maildrop.removeAll(messages);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
