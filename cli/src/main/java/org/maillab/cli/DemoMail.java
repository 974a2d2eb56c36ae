package org.maillab.cli;

import java.util.List;

/** The demo messages `maillab serve` puts into the demo accounts on first start. Written for MailLab. */
final class DemoMail {

    private DemoMail() {
    }

    static List<String> messagesFor(String user) {
        return user.equals("alice") ? List.of(welcome(user), dots(user), multipart(user)) : List.of(welcome(user), plain(user));
    }

    private static String welcome(String user) {
        return String.join("\r\n",
                "From: MailLab <postmaster@maillab.test>",
                "To: " + user + "@maillab.test",
                "Subject: Welcome to MailLab",
                "Date: Fri, 27 Nov 2026 09:00:00 +0000",
                "Message-ID: <welcome." + user + "@maillab.test>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Hello " + user + ",",
                "",
                "this message lives in a Maildir: look for it under maillab-data/" + user + "/.",
                "Fetch it with POP3 (RETR 1), and try TOP 1 0, UIDL, DELE and RSET.",
                "",
                "-- MailLab",
                "");
    }

    private static String dots(String user) {
        return String.join("\r\n",
                "From: Bob <bob@maillab.test>",
                "To: " + user + "@maillab.test",
                "Subject: Lines that start with a dot",
                "Date: Fri, 27 Nov 2026 09:05:00 +0000",
                "Message-ID: <dots." + user + "@maillab.test>",
                "",
                "The next line is a single dot. On the wire it is sent as two dots",
                "(RFC 1939 section 3, byte-stuffing), so it cannot end the message early:",
                ".",
                "..and this line starts with two dots, sent as three.",
                "",
                "Compare LIST's octet count with what RETR sends.",
                "");
    }

    private static String multipart(String user) {
        return String.join("\r\n",
                "From: Carol <carol@maillab.test>",
                "To: " + user + "@maillab.test",
                "Subject: Notes with an attachment",
                "Date: Fri, 27 Nov 2026 09:10:00 +0000",
                "Message-ID: <notes." + user + "@maillab.test>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"maillab-demo\"",
                "",
                "--maillab-demo",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "The notes from the lab are attached. POP3 has to download all of it;",
                "IMAP could fetch just this part.",
                "",
                "--maillab-demo",
                "Content-Type: text/plain; charset=us-ascii; name=\"notes.txt\"",
                "Content-Disposition: attachment; filename=\"notes.txt\"",
                "Content-Transfer-Encoding: base64",
                "",
                "UE9QMyBkb3dubG9hZHMsIElNQVAgc3luY2hyb25pc2VzLgo=",
                "--maillab-demo--",
                "");
    }

    private static String plain(String user) {
        return String.join("\r\n",
                "From: Alice <alice@maillab.test>",
                "To: " + user + "@maillab.test",
                "Subject: Lunch?",
                "Date: Fri, 27 Nov 2026 11:30:00 +0000",
                "Message-ID: <lunch." + user + "@maillab.test>",
                "",
                "Lunch at noon? Reply by POP3... no, wait, POP3 only reads mail.",
                "");
    }
}
