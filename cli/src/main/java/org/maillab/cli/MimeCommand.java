package org.maillab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.maillab.mime.header.ContentType;
import org.maillab.mime.mbox.MboxSplitter;
import org.maillab.mime.parse.ByteSource;
import org.maillab.mime.parse.Defect;
import org.maillab.mime.parse.MessageTree;
import org.maillab.mime.parse.MimeParser;
import org.maillab.mime.parse.Part;

/**
 * {@code maillab mime [--json] FILE...}: the student's microscope. Prints each message's part tree
 * with IMAP part numbers, content types and decoded parameters, transfer encodings, dispositions,
 * byte offsets and sizes of every header and body, decoded sizes and the defects the parser repaired.
 * A FILE may be a message, a directory of messages (recursively, in name order) or an mbox.
 */
public final class MimeCommand implements CliCommand {

    @Override
    public String name() {
        return "mime";
    }

    @Override
    public String summary() {
        return "print the MIME part tree of messages (files, directories, mbox)";
    }

    @Override
    public String usage() {
        return """
                Usage: maillab mime [--json] FILE...

                Prints the part tree of each message: IMAP part numbers (1, 2.1; 2.1.MIME is the
                part's header, 2.HEADER an embedded message's), content type with decoded parameters,
                transfer encoding, disposition and file name, byte offsets and sizes of header and
                body (offset+size, counted from the start of the message), body lines, decoded size,
                and the defects the parser found and repaired.

                FILE is a message file, a directory of message files, or an mbox ("From " lines).

                  --json   print one JSON array with an object per message""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        boolean json = false;
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
            } else if (arg.startsWith("--")) {
                err.println("maillab mime: unknown option " + arg);
                err.println(usage());
                return 2;
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            err.println(usage());
            return 2;
        }
        List<Message> messages = new ArrayList<>();
        int status = 0;
        for (Path path : paths) {
            if (!Files.exists(path)) {
                err.println("maillab mime: no such file: " + path);
                status = 1;
                continue;
            }
            for (Path file : files(path)) {
                try {
                    messages.addAll(read(file));
                } catch (IOException e) {
                    err.println("maillab mime: cannot read " + file + ": " + e.getMessage());
                    status = 1;
                }
            }
        }
        if (json) {
            JsonOut j = new JsonOut(out);
            j.beginArray();
            for (Message m : messages) {
                j.next();
                writeJson(j, m);
            }
            j.endArray();
            out.println();
        } else {
            boolean first = true;
            for (Message m : messages) {
                if (!first) {
                    out.println();
                }
                first = false;
                printText(out, m);
            }
        }
        return status;
    }

    /** One message to show: where it came from, its tree and how to re-read its bytes. */
    record Message(String label, MessageTree tree, ByteSource source) {
    }

    private static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Message> read(Path file) throws IOException {
        byte[] head = new byte[5];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 5);
        }
        ByteSource whole = ByteSource.of(file);
        if (!MboxSplitter.looksLikeMbox(head, n)) {
            try (InputStream in = Files.newInputStream(file)) {
                return List.of(new Message(file.toString(), MimeParser.parse(in), whole));
            }
        }
        List<MboxSplitter.Entry> entries;
        try (InputStream in = Files.newInputStream(file)) {
            entries = MboxSplitter.split(in);
        }
        List<Message> out = new ArrayList<>();
        int index = 0;
        for (MboxSplitter.Entry e : entries) {
            index++;
            ByteSource slice = whole.slice(e.offset(), e.length());
            try (InputStream in = slice.open(0, e.length())) {
                out.add(new Message(file + " #" + index + " (mbox offset " + e.offset() + ")", MimeParser.parse(in), slice));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ text

    private static void printText(PrintStream out, Message m) throws IOException {
        MessageTree tree = m.tree();
        long parts = tree.root().walk().count();
        int defects = tree.defects().size();
        out.printf("%s: %d bytes, %d entit%s, %d defect%s%n", m.label(), tree.size(), parts,
                parts == 1 ? "y" : "ies", defects, defects == 1 ? "" : "s");
        printPart(out, m, tree.root(), 1);
    }

    private static void printPart(PrintStream out, Message m, Part p, int depth) throws IOException {
        String indent = "  ".repeat(depth);
        boolean message = p.kind() == Part.Kind.MESSAGE;
        String label;
        String headerName;
        if (message && p.section().isEmpty()) {
            label = "message";
            headerName = "HEADER";
        } else if (message) {
            label = p.section() + " (message)";
            headerName = p.section() + ".HEADER";
        } else {
            label = p.section();
            headerName = p.section() + ".MIME";
        }
        StringBuilder line = new StringBuilder();
        line.append(indent).append(label).append("  ").append(describe(p.contentType()));
        if (p.contentTypeDefaulted()) {
            line.append(" (default)");
        }
        out.println(line);
        String more = indent + "  ";
        out.println(more + headerName + " " + p.headerStart() + "+" + p.headerSize()
                + "   body " + bodyName(p) + p.bodyStart() + "+" + p.bodySize()
                + "   lines " + p.bodyLines() + "   encoding " + p.transferEncoding());
        p.contentDisposition().ifPresent(d -> out.println(more + "disposition " + d.type()
                + (d.parameters().isEmpty() ? "" : " " + params(d.parameters().asMap()))));
        if (p.filename() != null) {
            out.println(more + "file name \"" + p.filename() + "\"");
        }
        if (isLeaf(p)) {
            out.println(more + "decoded size " + decodedSize(m, p));
        }
        for (Defect d : p.defects()) {
            out.println(more + "! " + d.kind() + " at " + d.offset() + (d.detail() == null ? "" : ": " + d.detail()));
        }
        if (p.message().isPresent()) {
            printPart(out, m, p.message().get(), depth + 1);
        }
        for (Part c : p.children()) {
            printPart(out, m, c, depth + 1);
        }
    }

    private static String bodyName(Part p) {
        if (p.kind() == Part.Kind.MESSAGE && p.children().isEmpty()) {
            return "(" + (p.section().isEmpty() ? "1" : p.section() + ".1") + ") ";
        }
        return "";
    }

    private static boolean isLeaf(Part p) {
        return p.children().isEmpty() && p.message().isEmpty() && !p.isMultipart();
    }

    private static long decodedSize(Message m, Part p) throws IOException {
        try (InputStream in = p.openDecodedBody(m.source())) {
            long total = 0;
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
            return total;
        }
    }

    private static String describe(ContentType ct) {
        Map<String, String> map = ct.parameters().asMap();
        return ct.mimeType() + (map.isEmpty() ? "" : "; " + params(map));
    }

    private static String params(Map<String, String> map) {
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(k).append("=\"").append(v.replace("\"", "\\\"")).append('"');
        });
        return sb.toString();
    }

    // ------------------------------------------------------------------ JSON

    private static void writeJson(JsonOut j, Message m) throws IOException {
        j.beginObject();
        j.key("source").value(m.label());
        j.key("size").value(m.tree().size());
        j.key("root");
        writePart(j, m, m.tree().root());
        j.endObject();
    }

    private static void writePart(JsonOut j, Message m, Part p) throws IOException {
        j.beginObject();
        j.key("kind").value(p.kind() == Part.Kind.MESSAGE ? "message" : "part");
        j.key("section").value(p.section());
        j.key("contentType").value(p.contentType().mimeType());
        j.key("contentTypeDefaulted").value(p.contentTypeDefaulted());
        j.key("parameters").beginObject();
        for (Map.Entry<String, String> e : p.contentType().parameters().asMap().entrySet()) {
            j.key(e.getKey()).value(e.getValue());
        }
        j.endObject();
        j.key("transferEncoding").value(p.transferEncoding());
        if (p.contentDisposition().isPresent()) {
            j.key("disposition").beginObject();
            j.key("type").value(p.contentDisposition().get().type());
            j.key("parameters").beginObject();
            for (Map.Entry<String, String> e : p.contentDisposition().get().parameters().asMap().entrySet()) {
                j.key(e.getKey()).value(e.getValue());
            }
            j.endObject();
            j.endObject();
        }
        if (p.filename() != null) {
            j.key("filename").value(p.filename());
        }
        j.key("header").beginObject().key("offset").value(p.headerStart()).key("size").value(p.headerSize()).endObject();
        j.key("body").beginObject().key("offset").value(p.bodyStart()).key("size").value(p.bodySize())
                .key("lines").value(p.bodyLines());
        if (isLeaf(p)) {
            j.key("decodedSize").value(decodedSize(m, p));
        }
        j.endObject();
        j.key("defects").beginArray();
        for (Defect d : p.defects()) {
            j.next();
            j.beginObject().key("kind").value(d.kind().name()).key("offset").value(d.offset())
                    .key("detail").value(d.detail()).endObject();
        }
        j.endArray();
        if (p.message().isPresent()) {
            j.key("message");
            writePart(j, m, p.message().get());
        }
        if (!p.children().isEmpty()) {
            j.key("parts").beginArray();
            for (Part c : p.children()) {
                j.next();
                writePart(j, m, c);
            }
            j.endArray();
        }
        j.endObject();
    }

    /** A tiny streaming JSON writer: enough for this command, no dependency. */
    static final class JsonOut {
        private final PrintStream out;
        private final ArrayList<Boolean> first = new ArrayList<>();
        private boolean afterKey;

        JsonOut(PrintStream out) {
            this.out = out;
        }

        JsonOut beginObject() {
            separate();
            out.print('{');
            first.add(true);
            return this;
        }

        JsonOut endObject() {
            out.print('}');
            first.remove(first.size() - 1);
            return this;
        }

        JsonOut beginArray() {
            separate();
            out.print('[');
            first.add(true);
            return this;
        }

        JsonOut endArray() {
            out.print(']');
            first.remove(first.size() - 1);
            return this;
        }

        /** Array elements separate themselves; kept for readability at call sites. */
        void next() {
        }

        JsonOut key(String key) {
            separate();
            string(key);
            out.print(':');
            afterKey = true;
            return this;
        }

        JsonOut value(String s) {
            separate();
            if (s == null) {
                out.print("null");
            } else {
                string(s);
            }
            return this;
        }

        JsonOut value(long n) {
            separate();
            out.print(n);
            return this;
        }

        JsonOut value(boolean b) {
            separate();
            out.print(b);
            return this;
        }

        private void separate() {
            if (afterKey) {
                afterKey = false;
                return;
            }
            if (!first.isEmpty()) {
                int last = first.size() - 1;
                if (!first.get(last)) {
                    out.print(',');
                }
                first.set(last, false);
            }
        }

        private void string(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            out.print(sb.append('"'));
        }
    }
}
