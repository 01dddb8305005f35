package dev.assocrec.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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

    /** Each mistake a user can make: the exit code and the one line on stderr, printed once, nothing else. */
    @Test
    void everyBadInvocationPrintsOneLineOnce() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-store"));
        Path events = Files.write(dir.resolve("e.csv"), List.of("user_id,item_id,event_type,timestamp",
                "u1,a,view,2024-01-01T00:00:00Z"));
        String e = events.toString();
        Path missing = dir.resolve("nosuchdir");
        Object[][] table = {
            {new String[] {"train", "--events", e}, 2,
                "--out STORE is required ('assocrec help train' lists the options)"},
            {new String[] {"versions", "--store", missing.toString()}, 2,
                "--store " + missing + ": no such directory (a store is made by 'assocrec train --out DIR')"},
            {new String[] {"rollback", "--store", missing.toString(), "--to", "v1"}, 2,
                "--store " + missing + ": no such directory (a store is made by 'assocrec train --out DIR')"},
            {new String[] {"rollback", "--store", empty.toString(), "--to", "v1"}, 2,
                "version v1 is not in the store " + empty + "; it has no versions yet"},
            {new String[] {"inspect", "--events", dir.toString()}, 2, "--events " + dir + ": is a directory; give one file"},
            {new String[] {"train", "--events", dir.toString(), "--out", empty.toString()}, 2,
                "--events " + dir + ": is a directory; give one file"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--epochs", "0"}, 2, "--epochs 0: must be at least 1"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--dims", "-1"}, 2, "--dims -1: must be at least 1"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--lr", "-1"}, 2, "--lr -1.0: must be a number > 0"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--temperature", "0"}, 2,
                "--temperature 0.0: must be a number > 0"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--dropout", "1.5"}, 2,
                "--dropout 1.5: must be at least 0 and below 1"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--device", "tpu"}, 2,
                "--device tpu: use cpu, gpu or auto"},
            {new String[] {"train", "--input", e, "--out", empty.toString(), "--half-life", "0"}, 2,
                "--half-life 0.0: must be a number > 0"},
            {new String[] {"inspect", "--events", e, "--max-bad-fraction", "2"}, 2,
                "--max-bad-fraction 2.0: must be between 0 and 1"},
            {new String[] {"versions", "--store", empty.toString(), "--bogus"}, 2,
                "Unknown option: '--bogus' ('assocrec help versions' lists the options)"},
            {new String[] {"train", "--events", e, "--out", empty.toString(), "--epochs", "many"}, 2,
                "Invalid value for option '--epochs': 'many' is not an int ('assocrec help train' lists the options)"},
        };
        for (Object[] row : table) {
            String[] args = (String[]) row[0];
            Run r = run(args);
            String call = String.join(" ", args);
            assertEquals(row[1], r.exit(), call + "\n" + r.out() + r.err());
            assertEquals("error: " + row[2] + "\n", r.err(), call);
            assertFalse(r.out().contains((String) row[2]), "printed once: " + call + "\n" + r.out());
            assertFalse(r.out().contains("Usage:"), "no usage dump: " + call);
        }
    }

    @Test
    void gpuWithoutAGpuIsOneLine() {
        Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        Run r = run("train", "--events", "e.csv", "--out", dir.toString(), "--device", "gpu");
        assertEquals(2, r.exit());
        assertEquals("error: --device gpu: PyTorch sees no GPU on this machine; use cpu or auto\n", r.err());
    }

    @Test
    void anUnexpectedFailureIsOneLineUnlessVerbose() throws Exception {
        Path store = dir.resolve("damaged-store");
        Files.createDirectories(store.resolve("models/v1"));
        Files.writeString(store.resolve("models/v1/manifest.json"), "{");
        Run quiet = run("versions", "--store", store.toString());
        assertEquals(1, quiet.exit(), quiet.out() + quiet.err());
        assertEquals(1, quiet.err().lines().count(), quiet.err());
        assertTrue(quiet.err().startsWith("error: ") && quiet.err().strip().endsWith("(--verbose prints the stack trace)"),
                quiet.err());
        Run verbose = run("versions", "--store", store.toString(), "--verbose");
        assertEquals(1, verbose.exit(), verbose.err());
        assertTrue(verbose.err().contains("\tat "), "--verbose prints the stack trace: " + verbose.err());
        assertTrue(verbose.err().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("error: "), verbose.err());
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
