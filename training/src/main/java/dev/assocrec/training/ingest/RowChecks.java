package dev.assocrec.training.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code bad_column} verdicts of a checked table into ledger entries: a count per reason
 * and the first offending row, with its position and raw value read back from the loaded table.
 */
final class RowChecks {
    /**
     * A check: rows whose {@code bad_column} equals {@code verdict} are skipped (or repaired) for
     * {@code reason}; {@code column} is the input column the example names.
     */
    record Check(String verdict, String column, String reason) {
        Check(String column, String reason) {
            this(column, column, reason);
        }
    }

    private RowChecks() {}

    static void record(DuckSession duck, LoadedTable loaded, String checkedTable, List<Check> checks, SkipLedger ledger)
            throws SQLException {
        for (SkipLedger.Example m : loaded.malformed()) {
            ledger.add("malformed CSV row", 1, m);
        }
        String sql = "SELECT bad_column, count(*), min(rn) FROM " + checkedTable
                + " WHERE bad_column IS NOT NULL GROUP BY bad_column ORDER BY min(rn)";
        record Verdict(String verdict, long count, long firstRn) {}
        List<Verdict> verdicts = new ArrayList<>();
        // Results stream, so the first rows' raw values are looked up only after this result is closed.
        try (Statement s = duck.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                verdicts.add(new Verdict(r.getString(1), r.getLong(2), r.getLong(3)));
            }
        }
        for (Verdict v : verdicts) {
            Check check = checks.stream().filter(c -> c.verdict().equals(v.verdict())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no reason for verdict " + v.verdict()));
            String value = rawValue(duck, loaded.table(), check.column(), v.firstRn());
            ledger.add(check.reason(), v.count(), new SkipLedger.Example(loaded.position(v.firstRn()), check.column(),
                    value == null ? "" : value, check.reason()));
        }
    }

    private static String rawValue(DuckSession duck, String table, String column, long rn) throws SQLException {
        List<String> v = duck.queryStrings("SELECT " + DuckSession.ident(column) + " FROM " + table + " WHERE rn = " + rn);
        return v.isEmpty() ? null : v.get(0);
    }
}
