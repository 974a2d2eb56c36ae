package org.maillab.simulator.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and sizes as scenario files write them: {@code 1d2h30m}, {@code 45s}, {@code 0};
 * {@code 512}, {@code 20KB}, {@code 10MB} (binary units: 1 KB = 1024 octets).
 */
public final class Units {

    private static final Pattern TIME = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(B|KB|MB|GB)?");
    private static final long KB = 1024;

    private Units() {
    }

    /** Parses a time such as {@code 1d2h}; empty if it is not one. */
    public static Optional<Duration> parseTime(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = TIME.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        long seconds = part(m, 1) * 86_400 + part(m, 2) * 3_600 + part(m, 3) * 60 + part(m, 4);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /** Writes a time in the canonical form {@link #parseTime} reads ({@code 0} for zero). */
    public static String formatTime(Duration time) {
        long s = time.getSeconds();
        if (s == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                b.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return b.toString();
    }

    /** Parses a size such as {@code 10MB}; empty if it is not one (or absurdly large). */
    public static Optional<Long> parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "KB" -> KB;
            case "MB" -> KB * KB;
            case "GB" -> KB * KB * KB;
            default -> 1;
        };
        if (n > Long.MAX_VALUE / unit / 16) {
            return Optional.empty();
        }
        return Optional.of(n * unit);
    }

    /** Writes a size with the largest unit that divides it exactly. */
    public static String formatSize(long size) {
        if (size != 0 && size % (KB * KB * KB) == 0) {
            return size / (KB * KB * KB) + "GB";
        }
        if (size != 0 && size % (KB * KB) == 0) {
            return size / (KB * KB) + "MB";
        }
        if (size != 0 && size % KB == 0) {
            return size / KB + "KB";
        }
        return Long.toString(size);
    }

    /** A size for people, in binary units said as such: {@code 1.5 MiB}, {@code 20.0 KiB}, {@code 312 B}. */
    public static String human(long size) {
        if (size >= KB * KB * KB) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", size / (double) (KB * KB * KB));
        }
        if (size >= KB * KB) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", size / (double) (KB * KB));
        }
        if (size >= KB) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", size / (double) KB);
        }
        return size + " B";
    }
}
