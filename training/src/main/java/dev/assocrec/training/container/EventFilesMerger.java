package dev.assocrec.training.container;

import dev.assocrec.training.ingest.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Merges event files into one with DuckDB, matching columns by name (files may order their columns
 * differently or lack optional ones) and keeping every value as text, so that the training CLI's
 * own checks still see and report the original values. Rows keep their file order, and the line
 * range of each source file in the merged CSV is reported, so a bad-row message can be traced back.
 */
final class EventFilesMerger {
    /** Where a source file's rows ended up: lines (CSV, after the header) or rows (Parquet) of the merged file. */
    record Span(Path source, long firstLine, long lastLine) {}

    record Merged(Path file, List<Span> spans) {}

    private EventFilesMerger() {}

    static Merged merge(List<Path> files, Path target) throws IOException, BadInputException {
        long parquet = files.stream().filter(EventFiles::isParquet).count();
        if (parquet != 0 && parquet != files.size()) {
            throw new BadInputException("event files mix CSV and Parquet (" + parquet + " of " + files.size()
                    + " are Parquet): " + files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        }
        boolean isParquet = parquet != 0;
        String list = files.stream().map(p -> literal(p.toString())).collect(Collectors.joining(", ", "[", "]"));
        String read = isParquet
                ? "read_parquet(" + list + ", union_by_name = true, filename = true)"
                : "read_csv(" + list + ", union_by_name = true, all_varchar = true, header = true, filename = true)";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duck.createStatement()) {
            sql.execute("SET preserve_insertion_order = true");
            sql.execute("CREATE TABLE merged AS SELECT * FROM " + read);
            List<Span> spans = spans(sql, files);
            sql.execute("COPY (SELECT * EXCLUDE (filename) FROM merged) TO " + literal(target.toString())
                    + (isParquet ? " (FORMAT parquet)" : " (FORMAT csv, HEADER true)"));
            return new Merged(target, spans);
        } catch (SQLException e) {
            throw new BadInputException("event files under " + files.get(0).getParent() + " cannot be read together: "
                    + e.getMessage(), e);
        }
    }

    private static List<Span> spans(Statement sql, List<Path> files) throws SQLException {
        List<Span> spans = new ArrayList<>();
        boolean csv = files.stream().noneMatch(EventFiles::isParquet);
        long line = csv ? 2 : 1; // line 1 of a merged CSV is its header
        for (Path file : files) {
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM merged WHERE filename = " + literal(file.toString()))) {
                rows.next();
                long count = rows.getLong(1);
                spans.add(new Span(file, line, line + count - 1));
                line += count;
            }
        }
        return spans;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
