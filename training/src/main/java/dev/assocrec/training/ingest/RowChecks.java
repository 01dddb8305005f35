package dev.assocrec.training.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        try (Statement s = duck.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                String verdict = r.getString(1);
                Check check = checks.stream().filter(c -> c.verdict().equals(verdict)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no reason for verdict " + verdict));
                long rn = r.getLong(3);
                String value = rawValue(duck, loaded.table(), check.column(), rn);
                ledger.add(check.reason(), r.getLong(2), new SkipLedger.Example(loaded.position(rn), check.column(),
                        value == null ? "" : value, check.reason()));
            }
        }
    }

    private static String rawValue(DuckSession duck, String table, String column, long rn) throws SQLException {
        List<String> v = duck.queryStrings("SELECT " + DuckSession.ident(column) + " FROM " + table + " WHERE rn = " + rn);
        return v.isEmpty() ? null : v.get(0);
    }
}
