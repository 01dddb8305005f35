package dev.assocrec.training.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CosineCooccurrenceTest {
    @Test
    void cosineOfBinaryColumns() {
        // Item 0 in users {0,1,2}, item 1 in {0,1}, item 2 in {2}.
        List<int[]> users = List.of(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 2});
        CsrMatrix s = CosineCooccurrence.topK(users, null, 3, 10, "t", false);
        assertEquals(2 / Math.sqrt(3 * 2), s.get(0, 1), 1e-6);
        assertEquals(1 / Math.sqrt(3), s.get(0, 2), 1e-6);
        assertEquals(0f, s.get(1, 2));
        assertEquals(0f, s.get(0, 0), "no self-similarity");
    }

    @Test
    void topKKeepsTheStrongest() {
        List<int[]> users = List.of(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3});
        CsrMatrix s = CosineCooccurrence.topK(users, null, 4, 1, "t", false);
        assertEquals(1, s.rowLength(0));
        assertEquals(1, s.colAt(s.rowStart(0)));
    }
}
