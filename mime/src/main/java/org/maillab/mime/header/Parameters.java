package org.maillab.mime.header;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.maillab.mime.codec.Charsets;
import org.maillab.mime.codec.EncodedWords;

/**
 * The parameters of a Content-Type or Content-Disposition field, decoded: names in lower case,
 * values unquoted, RFC 2231 continuations ({@code name*0}, {@code name*1*}) joined and their
 * {@code charset'language'%XX} encoding decoded, in the order of first appearance.
 *
 * <p>Leniencies: unquoted values may contain any character but {@code ;} (so {@code boundary==_x}
 * works), a missing closing quote ends at the end of the field, an RFC 2047 encoded word inside a
 * value (common in file names) is decoded, and the first of duplicated parameters wins (see
 * {@link #duplicates()}).
 */
public final class Parameters {

    /** One decoded parameter; charset and language are non-null only for RFC 2231 extended values. */
    public record Parameter(String name, String value, String charset, String language) {
    }

    private static final Parameters EMPTY = new Parameters(new LinkedHashMap<>(), List.of());

    private final Map<String, Parameter> byName;
    private final List<String> duplicates;

    private Parameters(Map<String, Parameter> byName, List<String> duplicates) {
        this.byName = Collections.unmodifiableMap(byName);
        this.duplicates = List.copyOf(duplicates);
    }

    /** No parameters. */
    public static Parameters empty() {
        return EMPTY;
    }

    /** Builds parameters from plain name/value pairs (for the writer). */
    public static Parameters of(Map<String, String> values) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k.toLowerCase(Locale.ROOT), new Parameter(k.toLowerCase(Locale.ROOT), v, null, null)));
        return new Parameters(map, List.of());
    }

    /** The decoded value of parameter {@code name} (case-insensitive), or null. */
    public String get(String name) {
        Parameter p = byName.get(name.toLowerCase(Locale.ROOT));
        return p == null ? null : p.value();
    }

    /** The parameter with its RFC 2231 charset and language. */
    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Name to decoded value, in order. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        byName.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** All parameters in order. */
    public List<Parameter> list() {
        return List.copyOf(byName.values());
    }

    /** Names of parameters that appeared more than once (the first one was kept). */
    public List<String> duplicates() {
        return duplicates;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    private record Raw(String name, String value) {
    }

    /** Parses the parameter list that starts at {@code start} in {@code text} (at or before the first ';'). */
    public static Parameters parse(String text, int start) {
        List<Raw> raws = scan(text, start);
        if (raws.isEmpty()) {
            return EMPTY;
        }
        // Group RFC 2231 sections by base name, keeping the order of first appearance.
        Map<String, TreeMap<Integer, Raw>> sections = new LinkedHashMap<>();
        Map<String, Raw> plain = new LinkedHashMap<>();
        Map<String, Raw> extendedWhole = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (Raw raw : raws) {
            String name = raw.name().toLowerCase(Locale.ROOT);
            int star = name.indexOf('*');
            String base = star < 0 ? name : name.substring(0, star);
            if (!order.contains(base)) {
                order.add(base);
            }
            if (star < 0) {
                if (plain.putIfAbsent(base, raw) != null) {
                    duplicates.add(base);
                }
                continue;
            }
            String rest = name.substring(star + 1);
            if (rest.isEmpty()) {
                if (extendedWhole.putIfAbsent(base, raw) != null) {
                    duplicates.add(base);
                }
                continue;
            }
            boolean extended = rest.endsWith("*");
            String digits = extended ? rest.substring(0, rest.length() - 1) : rest;
            int number;
            try {
                number = digits.length() > 6 ? -1 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0) {
                if (plain.putIfAbsent(name, raw) != null) {
                    duplicates.add(name);
                }
                if (!order.contains(name)) {
                    order.add(name);
                }
                continue;
            }
            Raw section = new Raw(extended ? "*" : "", raw.value());
            if (sections.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(number, section) != null) {
                duplicates.add(base);
            }
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String name : order) {
            Parameter p;
            if (extendedWhole.containsKey(name)) {
                p = decodeExtended(name, List.of(new Raw("*", extendedWhole.get(name).value())));
            } else if (sections.containsKey(name)) {
                p = decodeExtended(name, new ArrayList<>(sections.get(name).values()));
            } else if (plain.containsKey(name)) {
                p = new Parameter(name, EncodedWords.decode(plain.get(name).value()), null, null);
            } else {
                continue;
            }
            out.put(name, p);
        }
        return new Parameters(out, duplicates);
    }

    /** RFC 2231 §3-4: joins sections; extended ones are %-encoded in the charset of the first. */
    private static Parameter decodeExtended(String name, List<Raw> sections) {
        String charsetName = null;
        String language = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        boolean anyExtended = false;
        for (Raw section : sections) {
            String value = section.value();
            boolean extended = section.name().equals("*");
            if (extended && first) {
                int q1 = value.indexOf('\'');
                int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
                if (q2 >= 0) {
                    charsetName = value.substring(0, q1);
                    language = value.substring(q1 + 1, q2);
                    value = value.substring(q2 + 1);
                }
            }
            first = false;
            if (extended) {
                anyExtended = true;
                percentDecode(value, bytes);
            } else {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        Charset charset = Charsets.lookup(charsetName).orElse(null);
        byte[] b = bytes.toByteArray();
        String value;
        if (charset != null) {
            value = new String(b, charset);
        } else {
            value = Charsets.decodeHeaderBytes(b, 0, b.length);
        }
        if (!anyExtended) {
            value = EncodedWords.decode(value);
        }
        return new Parameter(name, value, anyExtended ? emptyToNull(charsetName) : null,
                anyExtended ? emptyToNull(language) : null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void percentDecode(String value, ByteArrayOutputStream out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) << 4 | Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
    }

    /** Splits {@code ; name=value} pairs; total over any text. */
    private static List<Raw> scan(String s, int i) {
        List<Raw> out = new ArrayList<>();
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (c == '(') {
                i = Lexer.skipComment(s, i);
                continue;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';') {
                i++;
            }
            String name = s.substring(nameStart, i).strip();
            if (i >= n || s.charAt(i) == ';') {
                continue; // a parameter without a value: ignored
            }
            i++; // '='
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
                i++;
            }
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char q = s.charAt(i);
                    if (q == '\\' && i + 1 < n) {
                        sb.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        if (q != '\r' && q != '\n') {
                            sb.append(q);
                        }
                        i++;
                    }
                }
                i++;
                while (i < n && s.charAt(i) != ';') {
                    i++; // junk after the closing quote
                }
                value = sb.toString();
            } else {
                int valueStart = i;
                while (i < n && s.charAt(i) != ';') {
                    i++;
                }
                value = s.substring(valueStart, i);
                int comment = value.indexOf('(');
                if (comment > 0) {
                    value = value.substring(0, comment);
                }
                value = value.strip();
            }
            if (!name.isEmpty() && isToken(name)) {
                out.add(new Raw(name, value));
            }
        }
        return out;
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
