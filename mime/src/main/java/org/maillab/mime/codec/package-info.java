/**
 * Content-Transfer-Encodings as streams (base64 and quoted-printable, RFC 2045 §6.7–6.8), RFC 2047
 * encoded words, and charset lookup. Decoders are lenient and never throw on bad input.
 */
package org.maillab.mime.codec;
