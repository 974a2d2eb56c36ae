package org.maillab.mime.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Map;
import org.maillab.mime.header.Address;
import org.maillab.mime.header.Envelope;

/** A readable, deterministic description of a parsed message: the golden files' format. */
final class TreeDump {

    private TreeDump() {
    }

    static String dump(MessageTree tree, ByteSource source) {
        StringBuilder sb = new StringBuilder();
        sb.append("size ").append(tree.size()).append('\n');
        Envelope env = tree.envelope();
        line(sb, "subject", env.decodedSubject());
        line(sb, "date", env.date() == null ? null : env.date() + " => " + env.parsedDate().map(Object::toString).orElse("?"));
        addresses(sb, "from", env.from());
        addresses(sb, "to", env.to());
        addresses(sb, "cc", env.cc());
        line(sb, "message-id", env.messageId());
        part(sb, tree.root(), source, 0);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(name).append(": ").append(escape(value)).append('\n');
        }
    }

    private static void addresses(StringBuilder sb, String name, String value) {
        if (value == null) {
            return;
        }
        sb.append(name).append(":");
        for (Address.EnvelopeAddress a : Address.toEnvelope(org.maillab.mime.header.AddressParser.parseList(value))) {
            sb.append(" (").append(q(a.name())).append(' ').append(q(a.adl())).append(' ').append(q(a.mailbox()))
                    .append(' ').append(q(a.host())).append(')');
        }
        sb.append('\n');
    }

    private static String q(String s) {
        return s == null ? "NIL" : "\"" + escape(s) + "\"";
    }

    private static void part(StringBuilder sb, Part p, ByteSource source, int depth) {
        String in = "  ".repeat(depth);
        String label = p.kind() == Part.Kind.MESSAGE ? (p.section().isEmpty() ? "message" : p.section() + " message") : p.section();
        sb.append(in).append(label).append(' ').append(p.contentType().mimeType());
        for (Map.Entry<String, String> e : p.contentType().parameters().asMap().entrySet()) {
            sb.append("; ").append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        if (p.contentTypeDefaulted()) {
            sb.append(" (default)");
        }
        sb.append('\n');
        String more = in + "  ";
        sb.append(more).append("header ").append(p.headerStart()).append('+').append(p.headerSize())
                .append(" body ").append(p.bodyStart()).append('+').append(p.bodySize())
                .append(" lines ").append(p.bodyLines()).append(" encoding ").append(p.transferEncoding()).append('\n');
        p.contentDisposition().ifPresent(d -> sb.append(more).append("disposition ").append(d.type())
                .append(d.parameters().isEmpty() ? "" : " " + d.parameters().asMap()).append('\n'));
        if (p.contentId() != null) {
            sb.append(more).append("content-id ").append(escape(p.contentId())).append('\n');
        }
        for (Defect d : p.defects()) {
            sb.append(more).append("defect ").append(d.kind()).append(" at ").append(d.offset()).append('\n');
        }
        if (p.children().isEmpty() && p.message().isEmpty() && !p.isMultipart()) {
            try (InputStream decoded = p.openDecodedBody(source)) {
                sb.append(more).append("decoded ").append(decoded.readAllBytes().length).append(" bytes");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (p.contentType().isText()) {
                try (Reader r = p.openText(source)) {
                    char[] buf = new char[60];
                    int n = r.read(buf);
                    sb.append(": ").append(n <= 0 ? "\"\"" : "\"" + escape(new String(buf, 0, n)) + "\"");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            sb.append('\n');
        }
        p.message().ifPresent(m -> part(sb, m, source, depth + 1));
        for (Part c : p.children()) {
            part(sb, c, source, depth + 1);
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
