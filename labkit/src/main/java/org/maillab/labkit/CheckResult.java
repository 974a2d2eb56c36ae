package org.maillab.labkit;

/**
 * One check's result: its id ({@code area.name}), the RFC section it rests on, how strong the rule
 * is, what it checks, and for a failure or a skip the reason.
 */
public record CheckResult(String id, String area, String rfc, Level level, String title, Outcome outcome,
        String detail) {
}
