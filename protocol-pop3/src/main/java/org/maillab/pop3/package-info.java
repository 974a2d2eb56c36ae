/** MailLab protocol-pop3: see DESIGN.md and this module's README. */
package org.maillab.pop3;
