/** MailLab protocol-imap: see DESIGN.md and this module's README. */
package org.maillab.imap;
