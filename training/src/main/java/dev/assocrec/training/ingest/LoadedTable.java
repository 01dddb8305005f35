package dev.assocrec.training.ingest;

import java.util.List;

/**
 * A tabular input loaded into a DuckDB table with one VARCHAR column per {@link ColumnSpec} column
 * (NULL when the file lacks an optional column) plus {@code rn}, the 1-based record number.
 *
 * @param file           the file as named in messages
 * @param table          the DuckDB table name
 * @param present        spec columns the file has
 * @param ignored        file columns the spec does not know (ignored, with a note)
 * @param records        records loaded (malformed CSV records not included)
 * @param malformed      malformed CSV records DuckDB rejected, in file order
 * @param rejectedLines  physical line numbers of the malformed records, ascending (CSV only)
 * @param csv            true: positions are lines (header = line 1); false: Parquet rows
 */
record LoadedTable(String file, String table, List<String> present, List<String> ignored, long records,
                   List<SkipLedger.Example> malformed, long[] rejectedLines, boolean csv) {

    /** Where record {@code rn} sits in the file, for messages: "line 12" or "row 11". */
    String position(long rn) {
        if (!csv) {
            return "row " + rn;
        }
        long line = rn + 1;
        for (long rejected : rejectedLines) {
            if (rejected <= line) {
                line++;
            }
        }
        return "line " + line;
    }
}
