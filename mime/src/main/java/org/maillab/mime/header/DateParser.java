package org.maillab.mime.header;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses RFC 5322 §3.3 dates, with the obsolete forms of §4.3 and common malformations:
 * optional or wrong day of week, two- and three-digit years (§4.3: add 2000 below 50, else 1900),
 * missing seconds, named zones ({@code GMT}, {@code EST}, ...; military letters mean -0000 as §4.3
 * advises), a zone missing, comments such as {@code (CEST)}, dots or dashes between fields, the
 * asctime layout ({@code Mon Jan  5 12:00:00 2004}) and ISO 8601. Total: empty when nothing sensible
 * is there.
 */
public final class DateParser {

    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
            Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
            Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul",
            "aug", "sep", "oct", "nov", "dec");

    /** Compiled once: SORT reads the Date of every message of a mailbox (protocol-imap). */
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\d{1,2}[-./][A-Za-z]{3}[-./]\\d{2,4}");

    private DateParser() {
    }

    /** Parses a Date (or Resent-Date, or a Received field's date part). */
    public static Optional<OffsetDateTime> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = ContentType.stripComments(HeaderField.unfold(value)).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(text.charAt(0)) && text.length() >= 10 && text.charAt(4) == '-') {
            try {
                return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } catch (DateTimeParseException e) {
                try {
                    return Optional.of(LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                            .atOffset(ZoneOffset.UTC));
                } catch (DateTimeParseException e2) {
                    // fall through to the lenient reader
                }
            }
        }
        List<String> words = new ArrayList<>();
        for (String w : WORD_SEPARATORS.split(text)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        Integer day = null;
        Integer month = null;
        Integer year = null;
        int[] time = null;
        ZoneOffset zone = null;
        for (String w : words) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (time == null && w.indexOf(':') > 0) {
                time = time(w);
                if (time != null) {
                    continue;
                }
            }
            if (month == null && lower.length() >= 3 && MONTHS.contains(lower.substring(0, 3))
                    && Character.isLetter(lower.charAt(0))) {
                month = MONTHS.indexOf(lower.substring(0, 3)) + 1;
                continue;
            }
            if (month == null && day == null && DAY_MONTH_YEAR.matcher(w).matches()) {
                String[] p = w.split("[-./]");
                int m = MONTHS.indexOf(p[1].toLowerCase(Locale.ROOT)) + 1;
                if (m > 0) {
                    day = Integer.parseInt(p[0]);
                    month = m;
                    year = year(p[2]);
                }
                continue;
            }
            if ((w.startsWith("+") || w.startsWith("-")) && w.length() >= 3 && w.substring(1).chars().allMatch(Character::isDigit)) {
                if (zone == null && time != null) {
                    zone = numericZone(w);
                }
                continue;
            }
            if (w.chars().allMatch(Character::isDigit)) {
                if (day == null && w.length() <= 2 && (month == null || year == null)) {
                    day = Integer.parseInt(w);
                } else if (year == null && w.length() <= 4) {
                    year = year(w);
                } else if (zone == null && time != null && w.length() == 4) {
                    zone = numericZone("+" + w);
                }
                continue;
            }
            String upper = w.toUpperCase(Locale.ROOT);
            if (zone == null && time != null && ZONES.containsKey(upper)) {
                zone = ZoneOffset.ofHours(ZONES.get(upper));
            } else if (zone == null && time != null && upper.length() == 1 && Character.isLetter(upper.charAt(0))) {
                zone = ZoneOffset.UTC; // RFC 5322 §4.3: military zones are treated as -0000
            }
        }
        if (day == null || month == null || year == null) {
            return Optional.empty();
        }
        if (time == null) {
            time = new int[] {0, 0, 0};
        }
        try {
            return Optional.of(OffsetDateTime.of(year, month, day, time[0], time[1], time[2], 0,
                    zone == null ? ZoneOffset.UTC : zone));
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    private static int year(String digits) {
        int y = Integer.parseInt(digits);
        if (digits.length() <= 2) {
            return y < 50 ? 2000 + y : 1900 + y; // RFC 5322 §4.3
        }
        if (digits.length() == 3) {
            return 1900 + y;
        }
        return y;
    }

    private static int[] time(String w) {
        String[] p = w.split(":");
        if (p.length < 2 || p.length > 3) {
            return null;
        }
        int[] t = new int[3];
        for (int i = 0; i < p.length; i++) {
            String digits = p[i];
            int dot = digits.indexOf('.');
            if (dot >= 0 && i == p.length - 1) {
                digits = digits.substring(0, dot);
            }
            if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            t[i] = Integer.parseInt(digits);
        }
        if (t[0] > 23 || t[1] > 59 || t[2] > 60) {
            return null;
        }
        if (t[2] == 60) {
            t[2] = 59; // a leap second cannot be represented; keep the minute
        }
        return t;
    }

    private static ZoneOffset numericZone(String w) {
        String digits = w.substring(1);
        if (digits.length() == 2) {
            digits = digits + "00";
        }
        if (digits.length() != 4) {
            return null;
        }
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = Integer.parseInt(digits.substring(2));
        int sign = w.charAt(0) == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
