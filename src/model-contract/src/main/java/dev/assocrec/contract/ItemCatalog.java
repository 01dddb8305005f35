package dev.assocrec.contract;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The index ↔ item id map of a model version, with the catalogue fields serving filters on. */
public final class ItemCatalog {
    /** Writing binds records through databind; created on first write so that readers never load it. */
    private static final class Writer {
        static final CsvMapper CSV = new CsvMapper();
        static final CsvSchema SCHEMA = CSV.schemaFor(ItemRecord.class).withHeader();
    }

    private final List<ItemRecord> items;
    private final Map<String, Integer> indexById;

    public ItemCatalog(List<ItemRecord> items) {
        this.items = List.copyOf(items);
        this.indexById = new HashMap<>(items.size() * 2);
        for (int i = 0; i < this.items.size(); i++) {
            ItemRecord r = this.items.get(i);
            if (r.index() != i) {
                throw new IllegalArgumentException("item table row " + i + " has index " + r.index() + " (item " + r.itemId() + ")");
            }
            if (indexById.put(r.itemId(), i) != null) {
                throw new IllegalArgumentException("item id '" + r.itemId() + "' appears twice in the item table");
            }
        }
    }

    /** A catalogue of ids only, index = position. */
    public static ItemCatalog ofIds(List<String> ids) {
        List<ItemRecord> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(ItemRecord.bare(i, ids.get(i)));
        }
        return new ItemCatalog(rows);
    }

    public int size() { return items.size(); }

    public ItemRecord get(int index) { return items.get(index); }

    public List<ItemRecord> items() { return Collections.unmodifiableList(items); }

    public OptionalInt indexOf(String itemId) {
        Integer i = indexById.get(itemId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public void write(OutputStream out) throws IOException {
        Writer.CSV.writer(Writer.SCHEMA).writeValues(out).writeAll(items).close();
    }

    public static ItemCatalog read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads an item table; the exception names the source, line, field and value of the first problem. */
    public static ItemCatalog read(InputStream in, String source) throws IOException {
        List<ItemRecord> rows = ItemTableReader.read(in, source);
        try {
            return new ItemCatalog(rows);
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(source + ": " + e.getMessage(), e);
        }
    }
}
