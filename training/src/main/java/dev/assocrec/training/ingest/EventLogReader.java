package dev.assocrec.training.ingest;

import dev.assocrec.contract.EventType;
import dev.assocrec.training.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * Reads an event log (CSV or Parquet) into the DuckDB table {@code events}: typed, checked,
 * de-duplicated rows {@code (user_id, item_id, code, ts, dwell, qty)} where {@code code} is the
 * {@link EventType} ordinal and {@code ts} seconds since the epoch.
 */
final class EventLogReader {
    static final String TABLE = "events";

    /** Epoch values at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private static final List<RowChecks.Check> CHECKS = List.of(
            new RowChecks.Check("user_id", "missing user_id"),
            new RowChecks.Check("item_id", "missing item_id"),
            new RowChecks.Check("event_type", "unknown event type"),
            new RowChecks.Check("timestamp", "unparsable timestamp"),
            new RowChecks.Check("dwell_seconds", "dwell_seconds is not a number >= 0"),
            new RowChecks.Check("quantity", "quantity is not a number >= 0"));

    /** What the read found, for provenance and the split. */
    record Result(LoadedTable loaded, SkipLedger ledger, long duplicates, long kept) {}

    private final DuckSession duck;
    private final Progress progress;

    EventLogReader(DuckSession duck, Progress progress) {
        this.duck = duck;
        this.progress = progress;
    }

    Result read(Path path, boolean parquet, double maxBadFraction) throws BadInputException, IOException, SQLException {
        LoadedTable raw = new TabularLoader(duck, progress).load(path, parquet, ColumnSpec.EVENTS, "events_raw");
        mapEventTypes(raw.table());
        String number = "TRY_CAST(%s AS DOUBLE)";
        String epoch = "CASE WHEN regexp_full_match(timestamp, '[+-]?[0-9]+(\\.[0-9]*)?') THEN "
                + "(CASE WHEN abs(" + number.formatted("timestamp") + ") >= " + MILLIS_THRESHOLD + " THEN "
                + number.formatted("timestamp") + " / 1000 ELSE " + number.formatted("timestamp") + " END) "
                + "ELSE epoch(TRY_CAST(timestamp AS TIMESTAMPTZ)) END";
        duck.execute("CREATE TABLE events_checked AS SELECT rn, user_id, item_id, code, ts, dwell, qty, "
                + "CASE WHEN user_id IS NULL THEN 'user_id' WHEN item_id IS NULL THEN 'item_id' "
                + "WHEN code IS NULL THEN 'event_type' WHEN ts IS NULL OR NOT isfinite(ts) THEN 'timestamp' "
                + "WHEN dwell_seconds IS NOT NULL AND NOT coalesce(isfinite(dwell) AND dwell >= 0, false) THEN 'dwell_seconds' "
                + "WHEN quantity IS NOT NULL AND NOT coalesce(isfinite(qty) AND qty >= 0, false) THEN 'quantity' "
                + "END AS bad_column FROM (SELECT r.*, m.code, " + epoch + " AS ts, "
                + number.formatted("dwell_seconds") + " AS dwell, " + number.formatted("quantity") + " AS qty FROM "
                + raw.table() + " r LEFT JOIN event_types m ON r.event_type = m.raw)", progress, "checking events");

        SkipLedger ledger = new SkipLedger(raw.file());
        RowChecks.record(duck, raw, "events_checked", CHECKS, ledger);
        ledger.enforce(raw.records() + raw.malformed().size(), maxBadFraction);
        duck.execute("DROP TABLE " + raw.table());

        // An exported log often repeats rows; the same (user, item, type, time) counts once.
        duck.execute("CREATE TABLE " + TABLE + " AS SELECT user_id, item_id, code, ts, max(dwell) AS dwell, "
                + "max(qty) AS qty, count(*) AS copies FROM events_checked WHERE bad_column IS NULL "
                + "GROUP BY user_id, item_id, code, ts", progress, "removing duplicate events");
        duck.execute("DROP TABLE events_checked");
        long kept = duck.queryLong("SELECT count(*) FROM " + TABLE);
        long duplicates = duck.queryLong("SELECT coalesce(sum(copies), 0) FROM " + TABLE) - kept;
        if (kept == 0) {
            throw new BadInputException(raw.file() + ": no usable events (" + raw.records() + " rows read, "
                    + ledger.total() + " skipped)");
        }
        return new Result(raw, ledger, duplicates, kept);
    }

    /** Event types are few: parse each distinct spelling once with the contract's parser. */
    private void mapEventTypes(String rawTable) throws SQLException {
        duck.execute("CREATE TABLE event_types (raw VARCHAR, code TINYINT)");
        List<String> spellings = duck.queryStrings("SELECT DISTINCT event_type FROM " + rawTable + " WHERE event_type IS NOT NULL");
        try (DuckDBAppender appender = duck.connection().createAppender("main", "event_types")) {
            for (String s : spellings) {
                try {
                    EventType type = EventType.parse(s);
                    appender.beginRow().append(s).append((byte) type.ordinal()).endRow();
                } catch (IllegalArgumentException unknown) {
                    // Left out of the map: the row check reports it as an unknown event type.
                }
            }
        }
    }
}
