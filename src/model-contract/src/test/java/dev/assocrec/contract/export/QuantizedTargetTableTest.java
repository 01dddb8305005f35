package dev.assocrec.contract.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assocrec.contract.EmbeddingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The int8 copy and the bounds the graph's certificate relies on. */
class QuantizedTargetTableTest {
    @TempDir
    Path dir;

    @Test
    void boundsHoldForEveryRowAndTheFileIsDimsByItems() throws Exception {
        int items = 500;
        int dims = 12;
        EmbeddingTable target = RandomTables.gaussian(items, dims, new Random(9));
        QuantizedTargetTable q = QuantizedTargetTable.of(target);

        float maxAbs = 0;
        for (float v : target.data()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertEquals(maxAbs / 63, q.scale(), 0f, "symmetric: the largest magnitude maps to ±63");
        double largestNorm = 0;
        double largestError = 0;
        for (int i = 0; i < items; i++) {
            double norm = 0;
            double error = 0;
            for (int j = 0; j < dims; j++) {
                byte level = q.level(i, j);
                assertTrue(level >= -63 && level <= 63, "7-bit levels: no saturating int16 pair sums in ORT's kernels");
                double diff = target.get(i, j) - (double) q.scale() * level;
                assertTrue(Math.abs(diff) <= q.scale() / 2 * (1 + 1e-6), "rounded to the nearest level");
                norm += (double) target.get(i, j) * target.get(i, j);
                error += diff * diff;
            }
            largestNorm = Math.max(largestNorm, Math.sqrt(norm));
            largestError = Math.max(largestError, Math.sqrt(error));
        }
        assertTrue(q.maxRowNorm() >= largestNorm && q.maxRowNorm() < largestNorm * (1 + 1e-6), "row norm bound is tight");
        assertTrue(q.maxRowError() >= largestError && q.maxRowError() < largestError * (1 + 1e-6), "error bound is tight");

        Path file = dir.resolve("target.i8");
        q.write(file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(items * dims, bytes.length);
        for (int i = 0; i < items; i += 37) {
            for (int j = 0; j < dims; j++) {
                assertEquals(q.level(i, j), bytes[j * items + i], "item " + i + " dim " + j + " at dim·items + item");
                assertEquals(Math.round(target.get(i, j) / q.scale()), bytes[j * items + i]);
            }
        }
    }

    @Test
    void allZeroTableGetsAUsableScaleAndZeroBounds() {
        QuantizedTargetTable q = QuantizedTargetTable.of(new EmbeddingTable(3, 4, new float[12]));
        assertEquals(1f, q.scale());
        assertEquals(0, q.level(2, 3));
        assertTrue(q.maxRowError() > 0 && q.maxRowError() < 1e-40, "rounded up from 0 by one ulp");
        assertTrue(q.maxRowNorm() > 0 && q.maxRowNorm() < 1e-40);
    }
}
