package dev.assocrec.training.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.EventType;
import dev.assocrec.contract.ItemRecord;
import dev.assocrec.contract.PoolingConfig;
import dev.assocrec.training.data.Dataset;
import dev.assocrec.training.data.UserHistory;
import dev.assocrec.training.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private Dataset read(Path events, Path catalog) throws Exception {
        return new EventsDatasetReader(IngestSettings.defaults(), Progress.NONE).read(events, false, catalog);
    }

    private String strictFailure(Path events, Path catalog) {
        return assertThrows(BadInputException.class, () -> new EventsDatasetReader(
                IngestSettings.defaults().withMaxBadFraction(0), Progress.NONE).read(events, false, catalog)).getMessage();
    }

    private static final String HEADER = "user_id,item_id,event_type,timestamp,dwell_seconds,quantity";

    private static int index(Dataset d, String itemId) {
        return d.catalog().indexOf(itemId).orElseThrow();
    }

    @Test
    void readsEventsInAnyColumnOrderWithMixedTimestampsAndOptionalColumns() throws Exception {
        Path events = write("events.csv",
                "timestamp,event_type,item_id,user_id,dwell_seconds,quantity,campaign",
                "2024-01-01T10:00:00Z,view,a,u1,12.5,,x",
                "2024-01-01 10:01:00,cart,a,u1,,1,x",
                "1704103380,purchase,a,u1,,2,x",            // 2024-01-01T10:03:00Z in seconds
                "1704103500000,view,b,u1,3,,x",             // 10:05 in milliseconds
                "2024-01-01T12:06:00+02:00,view,c,u1,,,x",  // 10:06 UTC
                "2024-01-01T10:07:00Z,VIEW,d,u1,,,x",
                "2024-01-02T00:00:00Z,view,a,u2,,,x");
        Path catalog = write("catalog.csv", "item_id,category,brand,price,title",
                "b,shoes,acme,10,Runner", "a,shoes,acme,20,Trail", "c,hats,,5,Cap");
        Dataset d = read(events, catalog);

        assertEquals(List.of("b", "a", "c", "d"), d.catalog().items().stream().map(ItemRecord::itemId).toList(),
                "catalogue order first, then event-only items");
        assertEquals(new ItemRecord(0, "b", "shoes", "acme", 10.0, "Runner"), d.catalog().get(0));
        assertNull(d.catalog().get(3).category(), "d is a bare item");
        assertEquals(1, d.provenance().get("eventItemsNotInCatalog").asLong());
        assertEquals(List.of("campaign"), List.of(d.provenance().get("events").get("ignoredColumns").get(0).asText()));

        assertEquals(2, d.userCount());
        UserHistory u1 = d.train().get(0);
        assertEquals("u1", u1.userId());
        // distinct items in first-event order a, b, c, d: test d, validation c, train = events before c
        assertArrayEquals(new int[] {index(d, "d")}, d.test()[0]);
        assertArrayEquals(new int[] {index(d, "c")}, d.validation()[0]);
        assertArrayEquals(new int[] {index(d, "a"), index(d, "a"), index(d, "a"), index(d, "b")}, u1.items());
        assertArrayEquals(new EventType[] {EventType.VIEW, EventType.CART, EventType.PURCHASE, EventType.VIEW}, u1.events());
        assertArrayEquals(new double[] {1704103200, 1704103260, 1704103380, 1704103500}, u1.times(), 1e-6);
        assertEquals(12.5f, u1.dwell()[0]);
        assertTrue(Float.isNaN(u1.dwell()[1]));
        assertEquals(2f, u1.quantity()[2]);
        assertEquals(0, d.test()[1].length, "u2 has one item: train only");
        assertEquals(PoolingConfig.defaultWeighted(), d.pooling());
    }

    @Test
    void missingRequiredColumnIsFatalAndNamesTheColumn() throws Exception {
        Path events = write("events.csv", "user_id,item_id,event_type,dwell_seconds", "u1,a,view,3");
        String msg = assertThrows(BadInputException.class, () -> read(events, null)).getMessage();
        assertTrue(msg.startsWith(events + " line 1, column timestamp: required column 'timestamp' is missing"), msg);
    }

    @Test
    void emptyFileAndMissingHeaderAreFatal() throws Exception {
        Path empty = write("empty.csv");
        assertEquals(empty + ": the file is empty (events input)",
                assertThrows(BadInputException.class, () -> read(empty, null)).getMessage());
        Path blank = write("blank.csv", "", "  ");
        assertEquals(blank + ": the file is empty (events input)",
                assertThrows(BadInputException.class, () -> read(blank, null)).getMessage());
        Path headless = write("headless.csv", "u1,a,view,2024-01-01T00:00:00Z");
        String msg = assertThrows(BadInputException.class, () -> read(headless, null)).getMessage();
        assertTrue(msg.startsWith(headless + ": no header line naming the columns (first line: 'u1,a,view,2024-01-01T00:00:00Z')"), msg);
    }

    @Test
    void eachBadValueIsReportedWithFileLineColumnAndValue() throws Exception {
        String good = "u1,a,view,2024-01-01T00:00:00Z,,";
        assertEquals(write("e1.csv", HEADER, good, "u1,b,bogus,2024-01-01T00:00:01Z,,") + " line 3, column event_type, "
                + "value 'bogus': unknown event type", strictFailure(dir.resolve("e1.csv"), null));
        assertEquals(write("e2.csv", HEADER, good, good, "u1,b,view,yesterday,,") + " line 4, column timestamp, "
                + "value 'yesterday': unparsable timestamp", strictFailure(dir.resolve("e2.csv"), null));
        assertEquals(write("e3.csv", HEADER, "u1,b,view,2024-01-01T00:00:01Z,ten,") + " line 2, column dwell_seconds, "
                + "value 'ten': dwell_seconds is not a number >= 0", strictFailure(dir.resolve("e3.csv"), null));
        assertEquals(write("e4.csv", HEADER, good, "u1,b,view,2024-01-01T00:00:01Z,,-2") + " line 3, column quantity, "
                + "value '-2': quantity is not a number >= 0", strictFailure(dir.resolve("e4.csv"), null));
        assertEquals(write("e5.csv", HEADER, good, ",b,view,2024-01-01T00:00:01Z,,") + " line 3, column user_id, "
                + "value '': missing user_id", strictFailure(dir.resolve("e5.csv"), null));
        Path events = write("events.csv", HEADER, good);
        assertEquals(write("c1.csv", "item_id,price", "a,12.5", "b,cheap") + " line 3, column price, value 'cheap': "
                + "price is not a number >= 0 (price dropped, item kept)", strictFailure(events, dir.resolve("c1.csv")));
    }

    @Test
    void malformedRowsAreLocatedAndLaterLinesKeepTheirNumbers() throws Exception {
        Path events = write("events.csv", HEADER, "u1,a,view,1704103200,,", "u1,b,view", "u1,c,view,1704103300,,",
                "u1,d,view,1704103400,1,2,3", "u1,e,bogus,1704103500,,");
        Dataset d = new EventsDatasetReader(IngestSettings.defaults().withMaxBadFraction(1), Progress.NONE).read(events, false, null);
        var skipped = d.provenance().get("events").get("skippedByReason");
        assertEquals(2, skipped.get("malformed CSV row").asLong());
        assertEquals(1, skipped.get("unknown event type").asLong());
        String first = d.provenance().get("events").get("firstExamples").get("malformed CSV row").asText();
        assertTrue(first.startsWith(events + " line 3, column timestamp, value 'u1,b,view': malformed CSV row"), first);
        String bogus = d.provenance().get("events").get("firstExamples").get("unknown event type").asText();
        assertEquals(events + " line 6, column event_type, value 'bogus': unknown event type", bogus,
                "record numbering skips over the rejected lines 3 and 5");
    }

    @Test
    void aFewBadRowsAreSkippedAndCountedButTooManyFail() throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 300; i++) {
            lines.add("u" + (i % 7) + ",i" + (i % 13) + ",view," + (1704103200 + i) + ",,");
        }
        lines.add("u1,a,view,1704103200,,");          // two exact duplicates of one event
        lines.add("u1,a,view,1704103200,,");
        lines.add("u1,a,teleport,1704103200,,");
        lines.add("u1,a,view,not-a-time,,");
        lines.add("u1,a,view,1704103200,slow,");
        Path events = Files.write(dir.resolve("events.csv"), lines);
        Dataset d = read(events, null);
        var section = d.provenance().get("events");
        assertEquals(305, section.get("rows").asLong());
        assertEquals(3, section.get("skipped").asLong());
        assertEquals(1, section.get("skippedByReason").get("unknown event type").asLong());
        assertEquals(1, section.get("skippedByReason").get("unparsable timestamp").asLong());
        assertEquals(1, section.get("skippedByReason").get("dwell_seconds is not a number >= 0").asLong());
        assertEquals(1, section.get("duplicatesRemoved").asLong());
        assertEquals(301, section.get("eventsKept").asLong());

        String msg = assertThrows(BadInputException.class, () -> new EventsDatasetReader(
                IngestSettings.defaults().withMaxBadFraction(0.005), Progress.NONE).read(events, false, null)).getMessage();
        assertTrue(msg.startsWith(events + ": 3 of 305 rows are bad (0.98%), more than the allowed 0.50%"), msg);
        assertTrue(msg.contains("unparsable timestamp: 1, first: " + events + " line 305, column timestamp, value 'not-a-time'"), msg);
    }

    @Test
    void catalogueProblemsAreCountedAndPriceBandsAreQuantilesWithinCategory() throws Exception {
        List<String> cat = new ArrayList<>(List.of("item_id,category,brand,price"));
        for (int i = 0; i < 40; i++) {
            cat.add("s" + i + ",shoes,acme," + (100 + i));       // 40 shoes: bands of their own
        }
        cat.add("h1,hats,,1");                                  // 2 hats: global bands
        cat.add("h2,hats,,1000");
        cat.add("s0,shoes,other,5");                            // duplicate: first row kept
        cat.add(",shoes,acme,5");                               // no id: skipped
        Path catalog = Files.write(dir.resolve("catalog.csv"), cat);
        Path events = write("events.csv", HEADER, "u1,s0,view,1704103200,,", "u1,zz,view,1704103300,,");
        Dataset d = new EventsDatasetReader(IngestSettings.defaults().withMaxBadFraction(0.1), Progress.NONE)
                .read(events, false, catalog);
        var section = d.provenance().get("catalog");
        assertEquals(1, section.get("skippedByReason").get("duplicate item_id (first row kept)").asLong());
        assertEquals(1, section.get("skippedByReason").get("missing item_id (row skipped)").asLong());
        assertEquals(43, d.itemCount(), "42 catalogue items + the event-only item zz");
        assertEquals("acme", d.catalog().get(0).brand());
        assertEquals(List.of("category=shoes", "brand=acme", "price_band=1"), names(d, "s0"));
        assertEquals(List.of("category=shoes", "brand=acme", "price_band=5"), names(d, "s39"));
        assertEquals(List.of("category=hats", "price_band=1"), names(d, "h1"));
        assertEquals(List.of("category=hats", "price_band=5"), names(d, "h2"));
        assertEquals(0, d.itemAttributes()[index(d, "zz")].length);
    }

    private static List<String> names(Dataset d, String itemId) {
        return java.util.Arrays.stream(d.itemAttributes()[index(d, itemId)]).mapToObj(d.attributeNames()::get).toList();
    }

    @Test
    void parquetEventsReadLikeCsv() throws Exception {
        Path csv = write("events.csv", HEADER, "u1,a,view,2024-01-01T00:00:00Z,4,", "u1,b,cart,2024-01-01T00:01:00Z,,",
                "u1,c,purchase,2024-01-01T00:02:00Z,,1", "u2,a,view,2024-01-01T00:03:00Z,,");
        Path parquet = dir.resolve("events.parquet");
        try (DuckSession duck = new DuckSession()) {
            duck.execute("COPY (SELECT user_id, item_id, event_type, CAST(timestamp AS TIMESTAMP) AS timestamp, "
                    + "CAST(dwell_seconds AS DOUBLE) AS dwell_seconds, CAST(quantity AS INTEGER) AS quantity FROM read_csv("
                    + DuckSession.literal(csv.toString()) + ")) TO " + DuckSession.literal(parquet.toString()) + " (FORMAT parquet)");
        }
        Dataset fromCsv = read(csv, null);
        Dataset fromParquet = new EventsDatasetReader(IngestSettings.defaults(), Progress.NONE).read(parquet, true, null);
        assertEquals(fromCsv.userCount(), fromParquet.userCount());
        for (int u = 0; u < fromCsv.userCount(); u++) {
            assertArrayEquals(fromCsv.train().get(u).items(), fromParquet.train().get(u).items());
            assertArrayEquals(fromCsv.train().get(u).times(), fromParquet.train().get(u).times(), 1e-6);
            assertArrayEquals(fromCsv.test()[u], fromParquet.test()[u]);
        }
        assertEquals("parquet", fromParquet.provenance().get("format").asText());

        Path badParquet = dir.resolve("bad.parquet");
        try (DuckSession duck = new DuckSession()) {
            duck.execute("COPY (SELECT * FROM (VALUES ('u1', 'a', 'view', 1704103200), ('u1', 'b', 'bogus', 1704103300)) "
                    + "t(user_id, item_id, event_type, timestamp)) TO " + DuckSession.literal(badParquet.toString()) + " (FORMAT parquet)");
        }
        assertEquals(badParquet + " row 2, column event_type, value 'bogus': unknown event type",
                assertThrows(BadInputException.class, () -> new EventsDatasetReader(IngestSettings.defaults().withMaxBadFraction(0),
                        Progress.NONE).read(badParquet, true, null)).getMessage());
    }

    @Test
    void splitNeverLeaksHeldOutItemsOrLaterEventsIntoTrain() throws Exception {
        Random rnd = new Random(7);
        List<String> lines = new ArrayList<>(List.of(HEADER));
        String[] types = {"view", "cart", "purchase"};
        for (int i = 0; i < 3000; i++) {
            lines.add("u" + rnd.nextInt(60) + ",i" + rnd.nextInt(80) + "," + types[rnd.nextInt(3)] + ","
                    + (1704103200 + rnd.nextInt(1_000_000)) + ",,");
        }
        Dataset d = read(Files.write(dir.resolve("events.csv"), lines), null);
        int split = 0;
        for (int u = 0; u < d.userCount(); u++) {
            UserHistory h = d.train().get(u);
            if (d.test()[u].length == 0) {
                continue;
            }
            split++;
            int test = d.test()[u][0];
            int val = d.validation()[u][0];
            assertTrue(test != val);
            Set<Integer> trainItems = new HashSet<>();
            for (int item : h.items()) {
                trainItems.add(item);
            }
            assertTrue(!trainItems.contains(test) && !trainItems.contains(val), "held-out items are new to the user");
            for (int i = 1; i < h.size(); i++) {
                assertTrue(h.times()[i - 1] <= h.times()[i], "train is in time order");
            }
        }
        assertTrue(split > 50, "most users are split: " + split);
    }
}
