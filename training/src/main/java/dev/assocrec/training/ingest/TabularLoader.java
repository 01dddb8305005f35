package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.assocrec.training.util.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a CSV or Parquet file into DuckDB as text columns, after checking its header against a
 * {@link ColumnSpec}. Typing happens afterwards in SQL so that a bad value becomes a counted,
 * located skip instead of an aborted read.
 */
final class TabularLoader {
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private final DuckSession duck;
    private final Progress progress;

    TabularLoader(DuckSession duck, Progress progress) {
        this.duck = duck;
        this.progress = progress;
    }

    LoadedTable load(Path path, boolean parquet, ColumnSpec spec, String table) throws BadInputException, IOException {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw new BadInputException(file + ": is a directory; give one " + spec.what() + " file");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(file + ": no such file (" + spec.what() + " input)");
        }
        if (Files.size(path) == 0) {
            throw new BadInputException(file + ": the file is empty (" + spec.what() + " input)");
        }
        try {
            return parquet ? loadParquet(path, spec, table) : loadCsv(path, spec, table);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot be read as " + (parquet ? "Parquet" : "CSV") + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private LoadedTable loadCsv(Path path, ColumnSpec spec, String table) throws BadInputException, IOException, SQLException {
        String file = path.toString();
        String headerLine = readHeaderLine(path);
        if (headerLine == null) {
            throw new BadInputException(file + ": the file is empty (" + spec.what() + " input)");
        }
        char delimiter = pickDelimiter(headerLine, spec);
        List<String> header = splitHeader(headerLine, delimiter);
        Map<String, Integer> positions = checkHeader(file, "line 1", header, spec);

        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < header.size(); i++) {
            columns.append(i == 0 ? "" : ", ").append("'c").append(i).append("': 'VARCHAR'");
        }
        String rejects = table + "_rejects";
        String scans = table + "_scans";
        String read = "read_csv(" + DuckSession.literal(file) + ", header = true, auto_detect = false, delim = "
                + DuckSession.literal(String.valueOf(delimiter)) + ", quote = '\"', escape = '\"', columns = {" + columns
                + "}, store_rejects = true, rejects_table = " + DuckSession.literal(rejects) + ", rejects_scan = "
                + DuckSession.literal(scans) + ")";
        // row_number() over the scan keeps file order (DuckDB preserves insertion order), so rn is the record number.
        duck.execute("CREATE TABLE " + table + " AS SELECT row_number() OVER () AS rn, "
                + projection(spec, name -> positions.containsKey(name) ? "c" + positions.get(name) : null)
                + " FROM " + read, progress, "reading " + path.getFileName());

        List<SkipLedger.Example> malformed = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        // DuckDB files one reject per missing column; one example per line is enough.
        String rejected = "SELECT line, arg_min(column_name, column_idx), any_value(csv_line), arg_min(error_message, column_idx) "
                + "FROM " + rejects + " GROUP BY line ORDER BY line";
        try (Statement s = duck.connection().createStatement(); ResultSet r = s.executeQuery(rejected)) {
            while (r.next()) {
                long line = r.getLong(1);
                String name = r.getString(2);
                String column = name != null && name.matches("c\\d+") ? header.get(Integer.parseInt(name.substring(1))) : null;
                malformed.add(new SkipLedger.Example("line " + line, column, firstLine(r.getString(3)),
                        "malformed CSV row: " + r.getString(4)));
                lines.add(line);
            }
        }
        long records = duck.queryLong("SELECT count(*) FROM " + table);
        return new LoadedTable(file, table, present(spec, positions), ignored(header, spec), records, malformed,
                lines.stream().mapToLong(Long::longValue).toArray(), true);
    }

    private LoadedTable loadParquet(Path path, ColumnSpec spec, String table) throws BadInputException, SQLException {
        String file = path.toString();
        String read = "read_parquet(" + DuckSession.literal(file) + ", file_row_number = true)";
        List<String> header = duck.queryStrings("SELECT column_name FROM (DESCRIBE SELECT * FROM " + read + ")");
        header.remove("file_row_number");
        Map<String, Integer> positions = checkHeader(file, "schema", header, spec);
        duck.execute("CREATE TABLE " + table + " AS SELECT file_row_number + 1 AS rn, "
                + projection(spec, name -> positions.containsKey(name) ? DuckSession.ident(header.get(positions.get(name))) : null)
                + " FROM " + read, progress, "reading " + path.getFileName());
        long records = duck.queryLong("SELECT count(*) FROM " + table);
        if (records == 0) {
            throw new BadInputException(file + ": the file has no rows (" + spec.what() + " input)");
        }
        return new LoadedTable(file, table, present(spec, positions), ignored(header, spec), records, List.of(),
                new long[0], false);
    }

    /** Every spec column as trimmed text, empty cells as NULL; absent columns as NULL. */
    private static String projection(ColumnSpec spec, java.util.function.Function<String, String> source) {
        List<String> parts = new ArrayList<>();
        for (String name : spec.all()) {
            String col = source.apply(name);
            parts.add((col == null ? "CAST(NULL AS VARCHAR)" : "nullif(trim(CAST(" + col + " AS VARCHAR)), '')")
                    + " AS " + name);
        }
        return String.join(", ", parts);
    }

    /** Canonical name → position in the header. Fatal: no header, a missing required or a doubled column. */
    static Map<String, Integer> checkHeader(String file, String where, List<String> header, ColumnSpec spec)
            throws BadInputException {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = canonical(header.get(i));
            if (spec.knows(name) && positions.put(name, i) != null) {
                throw BadInputException.at(file, where, name, null, "the column appears twice in the header");
            }
        }
        if (positions.isEmpty()) {
            throw new BadInputException(file + ": no header line naming the columns (first line: '"
                    + String.join(",", header) + "'); the " + spec.what() + " file must start with a header such as '"
                    + String.join(",", spec.required()) + "'");
        }
        for (String name : spec.required()) {
            if (!positions.containsKey(name)) {
                throw BadInputException.at(file, where, name, null, "required column '" + name
                        + "' is missing (the header has: " + String.join(", ", header) + "; required: "
                        + String.join(", ", spec.required()) + ")");
            }
        }
        return positions;
    }

    private static List<String> present(ColumnSpec spec, Map<String, Integer> positions) {
        return spec.all().stream().filter(positions::containsKey).toList();
    }

    private static List<String> ignored(List<String> header, ColumnSpec spec) {
        return header.stream().filter(h -> !spec.knows(canonical(h))).toList();
    }

    static String canonical(String headerName) {
        return headerName.strip().toLowerCase(Locale.ROOT);
    }

    /** The first non-blank line (BOM removed), or null when the file has only blank lines. */
    private static String readHeaderLine(Path path) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(path + ": the header is not UTF-8 text", e);
        }
    }

    /** The delimiter under which the header names the most known columns (comma on a tie). */
    private static char pickDelimiter(String headerLine, ColumnSpec spec) throws IOException {
        char best = ',';
        long bestKnown = -1;
        for (char d : DELIMITERS) {
            long known = splitHeader(headerLine, d).stream().map(TabularLoader::canonical).filter(spec::knows).count();
            if (known > bestKnown) {
                best = d;
                bestKnown = known;
            }
        }
        return best;
    }

    private static List<String> splitHeader(String line, char delimiter) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema).readValues(line)) {
            return it.hasNext() ? Arrays.asList(it.next()) : List.of();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
