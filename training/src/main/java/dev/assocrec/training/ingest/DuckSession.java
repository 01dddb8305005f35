package dev.assocrec.training.ingest;

import dev.assocrec.contract.LocalFiles;
import dev.assocrec.training.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

/**
 * An in-process DuckDB database for one read. Timestamps without a zone are read as UTC, so a run
 * does not depend on the machine's time zone. Large tables spill to DuckDB's temp directory.
 */
final class DuckSession implements AutoCloseable {
    private final DuckDBConnection connection;
    private final Path spillDir;

    DuckSession() throws SQLException, IOException {
        // Spill files go to a private temp folder, not DuckDB's default ./.tmp in the caller's working directory.
        this.spillDir = Files.createTempDirectory("assocrec-duckdb-");
        Properties props = new Properties();
        // Stream large results to Java chunk by chunk instead of materialising them first.
        props.setProperty("jdbc_stream_results", "true");
        props.setProperty("temp_directory", spillDir.toString());
        Connection c = DriverManager.getConnection("jdbc:duckdb:", props);
        this.connection = c.unwrap(DuckDBConnection.class);
        execute("SET TimeZone = 'UTC'");
        execute("SET enable_progress_bar = true");
        execute("SET enable_progress_bar_print = false");
    }

    DuckDBConnection connection() { return connection; }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs a long statement while reporting DuckDB's own progress estimate (in per mille). */
    void execute(String sql, Progress progress, String task) throws SQLException {
        try (DuckDBPreparedStatement ps = connection.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class);
             Progress.Task t = progress.start(task, 1000)) {
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "duckdb-progress");
                th.setDaemon(true);
                return th;
            });
            poller.scheduleAtFixedRate(() -> {
                try {
                    double pct = ps.getQueryProgress().getPercentage();
                    if (pct >= 0) {
                        t.stepTo(Math.round(pct * 10));
                    }
                } catch (SQLException | RuntimeException ignored) {
                    // The statement finished between two polls.
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
            try {
                ps.execute();
            } finally {
                poller.shutdownNow();
            }
            t.stepTo(1000);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    List<String> queryStrings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** A string literal for SQL (file paths, table-function arguments). */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A quoted identifier (user-supplied column names). */
    static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            LocalFiles.deleteTree(spillDir);
        }
    }
}
