package org.maillab.mime.write;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** RFC 5322 §3.3 date-time: {@code Tue, 14 May 2024 09:30:00 +0200}. */
public final class DateFormat {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private DateFormat() {
    }

    public static String format(OffsetDateTime date) {
        return FORMAT.format(date);
    }
}
