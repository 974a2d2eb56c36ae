/**
 * Parsing: {@link org.maillab.mime.parse.MimeParser} builds a {@link org.maillab.mime.parse.MessageTree}
 * of {@link org.maillab.mime.parse.Part}s that record byte offsets of every header and body in the
 * original message (never the bodies themselves), on top of the streaming
 * {@link org.maillab.mime.parse.MimeTokenizer}. Malformed input yields
 * {@link org.maillab.mime.parse.Defect}s, never exceptions.
 *
 * <p>For an IMAP server: {@code tree.part("2.1")} finds a section; slice {@code [headerStart, bodyStart)}
 * for {@code .MIME}/{@code .HEADER} and {@code [bodyStart, bodyEnd)} for the body or {@code .TEXT};
 * {@code bodySize()} and {@code bodyLines()} are BODYSTRUCTURE's size and lines; the MIME fields are
 * on {@code Part} ({@code contentType()}, {@code contentId()}, {@code contentDisposition()}, ...);
 * {@code tree.envelope()} has ENVELOPE's fields; {@code Part.openText(source)} gives decoded text for
 * SEARCH.
 */
package org.maillab.mime.parse;
