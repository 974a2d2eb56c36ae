/** Reading mbox files (RFC 4155) as byte ranges of messages: {@link org.maillab.mime.mbox.MboxSplitter}. */
package org.maillab.mime.mbox;
