package org.maillab.simulator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the report files into a directory: report.html, report.json, report.csv. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** Writes the files (creating the directory) and returns their paths. */
    public static List<Path> write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path html = directory.resolve("report.html");
        Path json = directory.resolve("report.json");
        Path csv = directory.resolve("report.csv");
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(json, JsonReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(csv, CsvReport.render(report), StandardCharsets.UTF_8);
        return List.of(html, json, csv);
    }
}
