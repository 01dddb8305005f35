package dev.assocrec.training.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes a shop as {@code events.csv} and {@code catalog.csv}, exactly the CSV input format. */
public final class ShopCsvWriter {
    public static final String EVENTS_FILE = "events.csv";
    public static final String CATALOG_FILE = "catalog.csv";

    private ShopCsvWriter() {}

    public static void write(Shop shop, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(CATALOG_FILE), StandardCharsets.UTF_8)) {
            out.write("item_id,category,brand,price,title\n");
            for (Shop.Product p : shop.catalog()) {
                out.write(String.join(",", cell(p.itemId()), cell(p.category()), cell(p.brand()),
                        Double.toString(p.price()), cell(p.title())));
                out.write('\n');
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(EVENTS_FILE), StandardCharsets.UTF_8)) {
            out.write("user_id,item_id,event_type,timestamp,dwell_seconds,quantity\n");
            for (Shop.Event e : shop.events()) {
                out.write(String.join(",", cell(e.userId()), cell(e.itemId()), e.eventType(),
                        Instant.ofEpochSecond(e.epochSecond()).toString(),
                        e.dwellSeconds() == null ? "" : e.dwellSeconds().toString(),
                        e.quantity() == null ? "" : e.quantity().toString()));
                out.write('\n');
            }
        }
    }

    /** RFC 4180 quoting where a value needs it. */
    private static String cell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
