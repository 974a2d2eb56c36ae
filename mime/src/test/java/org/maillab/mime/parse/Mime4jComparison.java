package org.maillab.mime.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Compares MailLab's tree of a message with Apache mime4j's DOM: shape, content types, charset and
 * boundary parameters, file names, and the decoded bytes of every leaf. Returns the kinds of
 * disagreement found (for example {@code shape}, {@code type}, {@code decoded}), each with the part
 * where it was first seen.
 */
final class Mime4jComparison {

    /** One disagreement: its kind (the key listed in known-differences.tsv) and where. */
    record Difference(String kind, String where, String detail) {
    }

    private final List<Difference> differences = new ArrayList<>();
    private final ByteSource source;

    private Mime4jComparison(ByteSource source) {
        this.source = source;
    }

    static Message parseWithMime4j(InputStream in) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(new MimeConfig.Builder().setMaxLineLen(-1).setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1).setMaxContentLen(-1).build());
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        return builder.parseMessage(in);
    }

    static List<Difference> compare(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        MessageTree ours = MimeParser.parse(bytes);
        Message theirs;
        try (InputStream in = Files.newInputStream(file)) {
            theirs = parseWithMime4j(in);
        }
        Mime4jComparison c = new Mime4jComparison(ByteSource.of(bytes));
        c.entity(ours.root(), theirs, "message");
        return c.differences;
    }

    /** The distinct kinds, sorted: what known-differences.tsv records per file. */
    static TreeSet<String> kinds(List<Difference> differences) {
        TreeSet<String> kinds = new TreeSet<>();
        differences.forEach(d -> kinds.add(d.kind()));
        return kinds;
    }

    private void differ(String kind, String where, String detail) {
        differences.add(new Difference(kind, where, detail));
    }

    private void entity(Part ours, Entity theirs, String where) throws IOException {
        String theirType = theirs.getMimeType() == null ? "" : theirs.getMimeType().toLowerCase(Locale.ROOT);
        if (!ours.contentType().mimeType().equals(theirType)) {
            differ("type", where, ours.contentType().mimeType() + " vs " + theirType);
        }
        if (!ours.contentTypeDefaulted() && theirs.getHeader() != null
                && theirs.getHeader().getField("Content-Type") instanceof ContentTypeField ctf) {
            for (String name : List.of("charset", "boundary")) {
                String a = ours.contentType().parameter(name);
                String b = ctf.getParameter(name);
                if (!Objects.equals(a, b) && !(a == null && "us-ascii".equalsIgnoreCase(b))) {
                    differ("param-" + name, where, a + " vs " + b);
                }
            }
        }
        String ourName = ours.filename();
        String theirName = theirs.getFilename();
        if (theirName != null && !theirName.equals(ourName)) {
            differ("filename", where, ourName + " vs " + theirName);
        }
        Object body = theirs.getBody();
        if (body instanceof Multipart mp) {
            List<Entity> parts = mp.getBodyParts();
            if (ours.children().size() != parts.size()) {
                differ("shape", where, ours.children().size() + " parts vs " + parts.size());
            }
            for (int i = 0; i < Math.min(parts.size(), ours.children().size()); i++) {
                entity(ours.children().get(i), parts.get(i), where + "/" + (i + 1));
            }
        } else if (body instanceof Message m) {
            if (ours.message().isEmpty()) {
                differ("shape", where, "leaf vs embedded message");
            } else {
                entity(ours.message().get(), m, where + "/message");
            }
        } else if (body instanceof SingleBody single) {
            if (!ours.children().isEmpty() || ours.message().isPresent()) {
                differ("shape", where, "structured vs leaf");
                return;
            }
            byte[] mine;
            try (InputStream in = ours.openDecodedBody(source)) {
                mine = in.readAllBytes();
            }
            byte[] theirBytes;
            try (InputStream in = single.getInputStream()) {
                theirBytes = in.readAllBytes();
            }
            if (!Arrays.equals(mine, theirBytes)) {
                differ("decoded", where, mine.length + " vs " + theirBytes.length + " bytes" + firstDifference(mine, theirBytes)
                        + (Boolean.getBoolean("diff.verbose") ? "\n  ours:   " + show(mine) + "\n  mime4j: " + show(theirBytes) : ""));
            }
        }
    }

    private static String show(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 300), java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.replace("\r", "\\r").replace("\n", "\\n\n          ");
    }

    private static String firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return ", first at " + i;
            }
        }
        return ", one is a prefix";
    }
}
