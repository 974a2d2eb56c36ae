package org.maillab.mime.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.maillab.mime.header.ContentType;
import org.maillab.mime.header.Header;
import org.maillab.mime.header.HeaderField;

/**
 * Parses a message into a {@link MessageTree} in one streaming pass over {@link MimeTokenizer}'s
 * events. Memory: headers and offsets only — a 50 MB attachment costs its offsets, not its bytes.
 *
 * <pre>{@code
 * MessageTree tree = MimeParser.parse(Path.of("message.eml"));
 * tree.root().walk().forEach(p -> System.out.println(p.section() + " " + p.contentType().mimeType()));
 * }</pre>
 *
 * Total: any byte sequence gives a tree (with {@link Defect}s); only the stream's own
 * {@link IOException} escapes.
 */
public final class MimeParser {

    private MimeParser() {
    }

    /** Parses a message from a stream (not closed), with the default limits. */
    public static MessageTree parse(InputStream in) throws IOException {
        return parse(in, MimeConfig.DEFAULT);
    }

    /** Parses a message held in memory. */
    public static MessageTree parse(byte[] message) {
        try {
            return parse(new ByteArrayInputStream(message), MimeConfig.DEFAULT);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** Parses a message file. */
    public static MessageTree parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, MimeConfig.DEFAULT);
        }
    }

    /** Parses a message from a stream (not closed) with the given limits. */
    public static MessageTree parse(InputStream in, MimeConfig config) throws IOException {
        return build(new MimeTokenizer(in, config));
    }

    static MessageTree build(MimeTokenizer tokenizer) throws IOException {
        Deque<Builder> stack = new ArrayDeque<>();
        Part root = null;
        List<Defect> orphanDefects = new ArrayList<>();
        while (true) {
            MimeTokenizer.Event event = tokenizer.next();
            List<Defect> found = tokenizer.drainDefects();
            if (!found.isEmpty()) {
                (stack.isEmpty() ? orphanDefects : stack.peek().defects).addAll(found);
            }
            switch (event) {
                case START_MESSAGE -> {
                    Builder parent = stack.peek();
                    stack.push(new Builder(Part.Kind.MESSAGE, enclosedSection(parent), tokenizer.position()));
                }
                case START_BODYPART -> {
                    Builder parent = stack.peek();
                    int n = ++parent.childCount;
                    String section = parent.section.isEmpty() ? Integer.toString(n) : parent.section + "." + n;
                    stack.push(new Builder(Part.Kind.BODY_PART, section, tokenizer.position()));
                }
                case FIELD -> stack.peek().fields.add(tokenizer.field());
                case END_HEADER -> {
                    Builder b = stack.peek();
                    b.bodyStart = tokenizer.position();
                    b.bodyStartLines = tokenizer.linesBeforePosition();
                    b.contentType = tokenizer.contentType();
                    b.defaulted = tokenizer.contentTypeDefaulted();
                    b.transferEncoding = tokenizer.transferEncoding();
                }
                case END_MESSAGE, END_BODYPART -> {
                    Builder b = stack.pop();
                    Part part = b.build(tokenizer.position(), tokenizer.linesBeforePosition());
                    Builder parent = stack.peek();
                    if (parent == null) {
                        root = part;
                    } else if (event == MimeTokenizer.Event.END_MESSAGE) {
                        parent.message = part;
                    } else {
                        parent.children.add(part);
                    }
                }
                case END_OF_STREAM -> {
                    if (root == null) {
                        throw new IllegalStateException("tokenizer ended without a message");
                    }
                    if (!orphanDefects.isEmpty()) {
                        root = root.withMoreDefects(orphanDefects);
                    }
                    return new MessageTree(root, tokenizer.position());
                }
                default -> {
                    // START/END_MULTIPART, PREAMBLE, BODY, EPILOGUE: offsets and line counts come
                    // from the END events; bodies are not kept.
                }
            }
        }
    }

    /**
     * The section number an enclosed message (the body of a message/rfc822) numbers its parts under, as
     * {@link MessageTree#part} finds them (RFC 9051 §6.4.5): a message/rfc822 body part lends it its own
     * number ({@code 2} → parts {@code 2.1}, {@code 2.2}); a message whose whole body is message/rfc822 is
     * its own part 1, so what it encloses numbers under that ({@code 1.1}, or {@code 2.1.1} below part 2).
     */
    private static String enclosedSection(Builder parent) {
        if (parent == null) {
            return "";
        }
        if (parent.kind == Part.Kind.BODY_PART) {
            return parent.section;
        }
        return parent.section.isEmpty() ? "1" : parent.section + ".1";
    }

    private static final class Builder {
        final Part.Kind kind;
        final String section;
        final long headerStart;
        final List<HeaderField> fields = new ArrayList<>();
        final List<Part> children = new ArrayList<>();
        final List<Defect> defects = new ArrayList<>();
        long bodyStart;
        long bodyStartLines;
        ContentType contentType = ContentType.DEFAULT;
        boolean defaulted = true;
        String transferEncoding = "7bit";
        Part message;
        int childCount;

        Builder(Part.Kind kind, String section, long headerStart) {
            this.kind = kind;
            this.section = section;
            this.headerStart = headerStart;
        }

        Part build(long bodyEnd, long bodyEndLines) {
            long end = Math.max(bodyEnd, bodyStart);
            return new Part(kind, section, new Header(fields), contentType, defaulted, transferEncoding,
                    headerStart, bodyStart, end, Math.max(0, bodyEndLines - bodyStartLines), children, message, defects);
        }
    }
}
