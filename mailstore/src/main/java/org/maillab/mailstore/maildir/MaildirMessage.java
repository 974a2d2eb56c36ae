package org.maillab.mailstore.maildir;

import java.nio.file.Path;

/**
 * One message file of a folder, as the folder knows it: the unique base name (everything before
 * {@code :}), the info part ({@code :2,FS}) and whether it sits in {@code new/} or {@code cur/}.
 * The engine keeps this object beside the message; fields change under the mailbox lock and are read
 * by content streams without it, hence volatile.
 */
final class MaildirMessage {

    final String base;
    volatile String info;     // "" or ":2,<letters>"
    volatile boolean inNew;
    /** Where the file waits after an expunge until no session can still read it; null while in the folder. */
    volatile Path kept;
    long uid;
    long modSeq;
    long size;                // canonical (CRLF) octets
    long date;                // internal date, epoch milliseconds
    boolean crlfOnDisk;       // the file is already canonical: serve it byte for byte
    String letters;           // flag letters recorded in the index
    int scanMark;             // the last scan that saw the file

    MaildirMessage(String base, String info, boolean inNew) {
        this.base = base;
        this.info = info;
        this.inNew = inNew;
    }

    String fileName() {
        return base + info;
    }

    /** The letters of the info part ({@code :2,} followed by flag letters); empty without one. */
    static String lettersOf(String info) {
        return info.startsWith(":2,") ? info.substring(3) : "";
    }

    /** Splits a directory entry into base and info. */
    static String[] split(String fileName) {
        int colon = fileName.indexOf(':');
        if (colon < 0) {
            return new String[] {fileName, ""};
        }
        return new String[] {fileName.substring(0, colon), fileName.substring(colon)};
    }

    /** A {@code ,X=number} field of a base name (Dovecot writes {@code S=} and {@code W=}), or -1. */
    static long field(String base, char key) {
        String marker = "," + key + "=";
        int at = base.indexOf(marker);
        if (at < 0) {
            return -1;
        }
        int start = at + marker.length();
        int end = start;
        while (end < base.length() && Character.isDigit(base.charAt(end))) {
            end++;
        }
        if (end == start || end - start > 18) {
            return -1;
        }
        return Long.parseLong(base.substring(start, end));
    }
}
