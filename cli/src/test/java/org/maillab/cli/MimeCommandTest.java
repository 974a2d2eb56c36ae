package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimeCommandTest {

    private static final String MESSAGE = String.join("\r\n",
            "From: a@example.org",
            "Subject: =?utf-8?Q?caf=C3=A9?=",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "caf=C3=A9",
            "--b",
            "Content-Type: application/octet-stream",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf",
            "",
            "AAECAw==",
            "--b--",
            "");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new MimeCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsImapPartNumbersOffsetsAndDecodedSizes() throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, MESSAGE, StandardCharsets.US_ASCII);
        assertEquals(0, run(file.toString()));
        String text = out();
        assertTrue(text.contains("3 entities, 0 defects"), text);
        assertTrue(text.contains("  message  multipart/mixed; boundary=\"b\""), text);
        assertTrue(text.contains("    1  text/plain; charset=\"utf-8\""), text);
        int partOneHeader = MESSAGE.indexOf("Content-Type: text/plain");
        int partOneBody = MESSAGE.indexOf("\r\n\r\ncaf=C3=A9") + 4;
        assertTrue(text.contains("1.MIME " + partOneHeader + "+" + (partOneBody - partOneHeader)
                + "   body " + partOneBody + "+9   lines 0   encoding quoted-printable"), text);
        assertTrue(text.contains("decoded size 5"), text); // "café" in UTF-8
        assertTrue(text.contains("2.MIME "), text);
        assertTrue(text.contains("file name \"résumé.pdf\""), text);
        assertTrue(text.contains("decoded size 4"), text);
    }

    @Test
    void jsonHasTheSameTree() throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, MESSAGE, StandardCharsets.US_ASCII);
        assertEquals(0, run("--json", file.toString()));
        String json = out().strip();
        assertTrue(json.startsWith("[{\"source\":"), json);
        assertTrue(json.contains("\"section\":\"2\",\"contentType\":\"application/octet-stream\""), json);
        assertTrue(json.contains("\"filename\":\"résumé.pdf\""), json);
        assertTrue(json.contains("\"decodedSize\":4"), json);
        assertTrue(json.endsWith("}]"), json);
        assertEquals(count(json, '{'), count(json, '}'));
        assertEquals(count(json, '['), count(json, ']'));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    @Test
    void readsEveryMessageOfAnMbox() throws Exception {
        Path mbox = dir.resolve("box.mbox");
        Files.writeString(mbox, "From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody one\n\n"
                + "From a@b Mon Jan  1 00:00:01 2024\nSubject: two\n\nbody two\n", StandardCharsets.US_ASCII);
        assertEquals(0, run(mbox.toString()));
        String text = out();
        assertTrue(text.contains("box.mbox #1 (mbox offset 34)"), text);
        assertTrue(text.contains("box.mbox #2"), text);
        assertTrue(text.contains("decoded size 9"), text); // "body one\n" without the separator's blank line
    }

    @Test
    void readsADirectoryInNameOrder() throws Exception {
        Files.writeString(dir.resolve("b.eml"), "Subject: b\r\n\r\nB", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("a.eml"), "Subject: a\r\n\r\nA", StandardCharsets.US_ASCII);
        assertEquals(0, run(dir.toString()));
        String text = out();
        assertTrue(text.indexOf("a.eml") < text.indexOf("b.eml"), text);
    }

    @Test
    void showsDefects() throws Exception {
        Path file = dir.resolve("bad.eml");
        Files.writeString(file, "Content-Type: multipart/mixed; boundary=z\n\n--z\n\nno end\n", StandardCharsets.US_ASCII);
        assertEquals(0, run(file.toString()));
        assertTrue(out().contains("! MISSING_CLOSE_DELIMITER"), out());
        assertTrue(out().contains("! BARE_LINE_END"), out());
    }

    @Test
    void usageErrorsAndMissingFiles() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("--frobnicate", "x"));
        assertEquals(1, run(dir.resolve("missing.eml").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
    }

    @Test
    void isRegisteredInMaillab() {
        List<String> names = new ArrayList<>();
        Maillab.COMMANDS.forEach(c -> names.add(c.name() + ":" + c.getClass().getSimpleName()));
        assertTrue(names.contains("mime:MimeCommand"), names.toString());
    }
}
