/** MailLab transport: see DESIGN.md and this module's README. */
package org.maillab.transport;
