/**
 * Header fields and their structured values: {@link org.maillab.mime.header.Header},
 * {@link org.maillab.mime.header.ContentType}, {@link org.maillab.mime.header.ContentDisposition},
 * RFC 2231 {@link org.maillab.mime.header.Parameters}, RFC 5322 addresses
 * ({@link org.maillab.mime.header.AddressParser}) and dates ({@link org.maillab.mime.header.DateParser}),
 * and the {@link org.maillab.mime.header.Envelope} fields. All parsers are total.
 */
package org.maillab.mime.header;
