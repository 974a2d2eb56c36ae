/**
 * MailLab mime: RFC 5322 / MIME parsing and writing, streaming and never throwing on input.
 *
 * <ul>
 *   <li>{@link org.maillab.mime.parse} — {@code MimeParser.parse(...)} gives a {@code MessageTree} of
 *       {@code Part}s with byte offsets (for IMAP sections and partial fetches) and defects;
 *       {@code MimeTokenizer} is the pull parser underneath.</li>
 *   <li>{@link org.maillab.mime.header} — header fields, Content-Type and -Disposition with RFC 2231
 *       parameters, address lists, dates, the fields of IMAP's ENVELOPE.</li>
 *   <li>{@link org.maillab.mime.codec} — base64 and quoted-printable streams, RFC 2047 encoded words.</li>
 *   <li>{@link org.maillab.mime.write} — {@code MessageBuilder} and {@code MessageWriter}.</li>
 *   <li>{@link org.maillab.mime.mbox} — splitting mbox files.</li>
 * </ul>
 * See this module's README.md and docs/mime.md.
 */
package org.maillab.mime;
