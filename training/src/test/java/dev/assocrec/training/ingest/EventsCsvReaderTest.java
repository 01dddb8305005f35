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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
