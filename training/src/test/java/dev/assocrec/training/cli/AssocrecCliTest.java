package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssocrecCliTest {
    @TempDir
    Path dir;

    /** Exit code plus what went to stdout and stderr. */
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AssocrecCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("generate  Write a synthetic shop"), r.out());
        assertTrue(r.out().contains("inspect   Read input data as training would"), r.out());
        assertTrue(r.out().contains("Exit codes: 0 ok (for train: published, or stored while a rollback pins"), r.out());
        assertTrue(r.out().contains("3 train stored"), r.out());
    }

    @Test
    void generateThenInspectTheShop() throws Exception {
        Path shop = dir.resolve("shop");
        Run g = run("generate", "--out", shop.toString(), "--items", "300", "--users", "200", "--seed", "3");
        assertEquals(0, g.exit(), g.err());
        assertTrue(g.out().contains("300 items"), g.out());
        Run i = run("inspect", "--events", shop.resolve("events.csv").toString(), "--catalog", shop.resolve("catalog.csv").toString());
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("format:       csv"), i.out());
        assertTrue(i.out().contains("users:        200"), i.out());
        assertTrue(i.out().contains("items:        300"), i.out());
        assertTrue(i.out().contains("pooling:      weighted, view 1.0, cart 2.0, purchase 4.0, recency half-life 30.0 days"), i.out());
        assertTrue(i.out().matches("(?s).*test: +[0-9,]+ items for [0-9,]+ users.*"), i.out());
    }

    @Test
    void badInputExitsWithTwoAndALocatedMessageWithoutStackTrace() throws Exception {
        Path events = Files.write(dir.resolve("events.csv"), List.of("user_id,item_id,event_type,timestamp",
                "u1,a,view,2024-01-01T00:00:00Z", "u1,b,wink,2024-01-01T00:00:01Z"));
        Run r = run("inspect", "--events", events.toString(), "--max-bad-fraction", "0");
        assertEquals(2, r.exit());
        assertEquals("error: " + events + " line 3, column event_type, value 'wink': unknown event type", r.err().strip());
        assertFalse(r.err().contains("\tat "), "no stack trace");

        Run skipped = run("inspect", "--events", events.toString(), "--max-bad-fraction", "0.5");
        assertEquals(0, skipped.exit(), skipped.err());
        assertTrue(skipped.out().contains("1 × unknown event type; first: " + events + " line 3"), skipped.out());
    }

    @Test
    void missingOrUnknownOptionsExitWithTwo() {
        Run none = run("inspect");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no input given"), none.err());
        Run unknownFormat = run("inspect", "--format", "xml", "--events", "x.csv");
        assertEquals(2, unknownFormat.exit());
        assertTrue(unknownFormat.err().contains("--format xml: unknown format"), unknownFormat.err());
        Run noTest = run("inspect", "--train", "a.txt");
        assertEquals(2, noTest.exit());
        assertTrue(noTest.err().contains("--format lightgcn needs --test"), noTest.err());
        Run missingFile = run("inspect", "--events", dir.resolve("nope.csv").toString());
        assertEquals(2, missingFile.exit());
        assertTrue(missingFile.err().contains("nope.csv: no such file"), missingFile.err());
        assertEquals(2, run("generate").exit(), "--out is required");
        Run badUri = run("inspect", "--events", "s3://Not_A_Bucket/events.csv");
        assertEquals(2, badUri.exit());
        assertTrue(badUri.err().contains("--events s3://Not_A_Bucket/events.csv: invalid S3 bucket name"), badUri.err());
    }

    @Test
    void lightGcnTrainTakesSeveralParts() throws Exception {
        Path p1 = Files.write(dir.resolve("train.part1.txt"), List.of("0 0 1 2", "1 2 3"));
        Path p2 = Files.write(dir.resolve("train.part2.txt"), List.of("2 1 4 0"));
        Path test = Files.write(dir.resolve("test.txt"), List.of("0 4", "1 0", "2 3"));
        Run r = run("inspect", "--train", p1.toString(), p2.toString(), "--test", test.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("format:       lightgcn"), r.out());
        assertTrue(r.out().contains("users:        3"), r.out());
        assertTrue(r.out().contains("items:        5"), r.out());
        assertTrue(r.out().contains("test:       3 items for 3 users"), r.out());
    }
}
