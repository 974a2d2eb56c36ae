/**
 * MailLab's NIO server transport, shared by POP3 and IMAP.
 *
 * <p>A protocol implements {@link org.maillab.transport.ProtocolHandler} (one per connection, created by a
 * {@link org.maillab.transport.HandlerFactory}) and talks back through its
 * {@link org.maillab.transport.Connection}; {@link org.maillab.transport.TransportServer} runs one selector
 * thread for all socket and TLS I/O and a small worker pool for the handlers. Sub-packages:
 * {@code framing} (the sans-I/O line/literal framer), {@code tls} (keystores and contexts),
 * {@code transcript} (the {@code C:}/{@code S:} tap and traffic counters). See this module's README and
 * {@code docs/transport.md}.
 */
package org.maillab.transport;
