package dev.assocrec.training.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assocrec.contract.ItemCatalog;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Shop event logs (CSV or Parquet) plus an optional catalogue into a {@link Dataset}. DuckDB types,
 * checks, de-duplicates, indexes and sorts; Java only walks the sorted rows once to build the
 * histories. Item indices: catalogue items first in catalogue order, then items that only occur in
 * the events (kept as bare items, counted) in id order. Users are indexed in id order.
 */
public final class EventsDatasetReader {
    private final IngestSettings settings;
    private final Progress progress;

    public EventsDatasetReader(IngestSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** @param catalog the catalogue, or null; Parquet when its name ends in ".parquet" */
    public Dataset read(Path events, boolean eventsParquet, Path catalog) throws BadInputException, IOException {
        try (DuckSession duck = new DuckSession()) {
            ObjectNode provenance = JsonNodeFactory.instance.objectNode();
            provenance.put("format", eventsParquet ? "parquet" : "csv");
            ArrayNode notes = provenance.putArray("notes");

            if (catalog != null) {
                CatalogReader.Result cat = new CatalogReader(duck, progress).read(catalog, isParquet(catalog),
                        settings.maxBadFraction(), settings.priceBands(), settings.minItemsPerCategoryBand());
                provenance.set("catalog", fileSection(catalog, cat.loaded(), cat.ledger(), notes).put("items", cat.items()));
            } else {
                duck.execute("CREATE TABLE " + CatalogReader.TABLE + " (item_id VARCHAR, category VARCHAR, brand VARCHAR, "
                        + "price DOUBLE, title VARCHAR, cidx BIGINT, price_band INTEGER)");
                notes.add("no catalogue given: items have no attributes");
            }
            EventLogReader.Result ev = new EventLogReader(duck, progress).read(events, eventsParquet, settings.maxBadFraction());
            provenance.set("events", fileSection(events, ev.loaded(), ev.ledger(), notes)
                    .put("duplicatesRemoved", ev.duplicates()).put("eventsKept", ev.kept()));

            indexItemsAndUsers(duck);
            long notInCatalog = duck.queryLong("SELECT count(*) FROM items WHERE idx >= (SELECT count(*) FROM catalog)");
            long unused = duck.queryLong("SELECT count(*) FROM catalog c ANTI JOIN (SELECT DISTINCT item_id FROM events) e USING (item_id)");
            if (catalog != null) {
                provenance.put("eventItemsNotInCatalog", notInCatalog);
                provenance.put("catalogItemsWithoutEvents", unused);
                if (notInCatalog > 0) {
                    notes.add(notInCatalog + " items occur in the events but not in the catalogue: kept as bare items without attributes");
                }
            }

            AttributeIndex attributes = new AttributeIndex();
            List<ItemRecord> items = new ArrayList<>();
            List<int[]> itemAttributes = new ArrayList<>();
            readItems(duck, attributes, items, itemAttributes);
            List<UserHistory> histories = readHistories(duck);

            SplitHistories split = NextItemSplit.apply(histories);
            provenance.put("items", items.size());
            provenance.put("attributes", attributes.names().size());
            provenance.set("split", split.stats());
            return new Dataset(new ItemCatalog(items), itemAttributes.toArray(int[][]::new), attributes.names(),
                    split.train(), split.validation(), split.test(), PoolingConfig.defaultWeighted(),
                    NextItemSplit.PROTOCOL, provenance);
        } catch (SQLException e) {
            throw new IOException("reading " + events + " with DuckDB failed: " + e.getMessage(), e);
        }
    }

    static boolean isParquet(Path path) {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    private static ObjectNode fileSection(Path path, LoadedTable loaded, SkipLedger ledger, ArrayNode notes) throws IOException {
        ObjectNode out = InputFileInfo.of(path);
        out.put("rows", loaded.records() + loaded.malformed().size());
        out.setAll(ledger.toJson());
        ArrayNode columns = out.putArray("columns");
        loaded.present().forEach(columns::add);
        ArrayNode ignored = out.putArray("ignoredColumns");
        loaded.ignored().forEach(ignored::add);
        if (!loaded.ignored().isEmpty()) {
            notes.add(path.getFileName() + ": ignored columns " + String.join(", ", loaded.ignored()));
        }
        return out;
    }

    private void indexItemsAndUsers(DuckSession duck) throws SQLException {
        duck.execute("CREATE TABLE items AS SELECT item_id, cidx AS idx FROM catalog UNION ALL "
                + "SELECT item_id, (SELECT count(*) FROM catalog) + row_number() OVER (ORDER BY item_id) - 1 "
                + "FROM (SELECT DISTINCT e.item_id FROM events e ANTI JOIN catalog c USING (item_id))");
        duck.execute("CREATE TABLE users AS SELECT user_id, row_number() OVER (ORDER BY user_id) - 1 AS uidx "
                + "FROM (SELECT DISTINCT user_id FROM events)");
    }

    private static void readItems(DuckSession duck, AttributeIndex attributes, List<ItemRecord> items,
                                  List<int[]> itemAttributes) throws SQLException {
        String sql = "SELECT i.idx, i.item_id, c.category, c.brand, c.price, c.title, c.price_band "
                + "FROM items i LEFT JOIN catalog c USING (item_id) ORDER BY i.idx";
        try (Statement s = duck.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                String category = r.getString(3);
                String brand = r.getString(4);
                double price = r.getDouble(5);
                Double priceOrNull = r.wasNull() ? null : price;
                items.add(new ItemRecord(r.getInt(1), r.getString(2), category, brand, priceOrNull, r.getString(6)));
                int band = r.getInt(7);
                String bandName = r.wasNull() ? null : "price_band=" + band;
                itemAttributes.add(attributes.idsOf(category == null ? null : "category=" + category,
                        brand == null ? null : "brand=" + brand, bandName));
            }
        }
    }

    /** One pass over the events sorted by user and time (ties: view before cart before purchase). */
    private List<UserHistory> readHistories(DuckSession duck) throws SQLException {
        List<String> userIds = duck.queryStrings("SELECT user_id FROM users ORDER BY uidx");
        long total = duck.queryLong("SELECT count(*) FROM events");
        List<UserHistory> out = new ArrayList<>(userIds.size());
        String sql = "SELECT u.uidx, i.idx, e.code, e.ts, e.dwell, e.qty FROM events e JOIN users u USING (user_id) "
                + "JOIN items i USING (item_id) ORDER BY u.uidx, e.ts, e.code, i.idx";
        HistoryCollector collector = new HistoryCollector();
        try (Statement s = duck.connection().createStatement(); ResultSet r = s.executeQuery(sql);
             Progress.Task task = progress.start("building user histories", total)) {
            int current = 0;
            long done = 0;
            while (r.next()) {
                int user = r.getInt(1);
                while (current < user) {
                    out.add(collector.finish(userIds.get(current++)));
                }
                double dwell = r.getDouble(5);
                dwell = r.wasNull() ? Double.NaN : dwell;
                double qty = r.getDouble(6);
                qty = r.wasNull() ? Double.NaN : qty;
                collector.add(r.getInt(2), r.getInt(3), r.getDouble(4), dwell, qty);
                if ((++done & 0xFFFF) == 0) {
                    task.stepTo(done);
                }
            }
            while (current < userIds.size()) {
                out.add(collector.finish(userIds.get(current++)));
            }
            task.stepTo(done);
        }
        return out;
    }
}
