package dev.assocrec.training.graph;

import java.util.Arrays;

/**
 * A sparse float matrix in compressed-row form; column indices are sorted within each row.
 * Immutable once built.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] colIndex;
    private final float[] values;

    public CsrMatrix(int rows, int cols, int[] rowStart, int[] colIndex, float[] values) {
        if (rowStart.length != rows + 1 || colIndex.length != values.length || rowStart[rows] != values.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays for a " + rows + " x " + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.values = values;
    }

    /** Builds from per-row column/value arrays (columns need not be sorted; duplicates are not allowed). */
    public static CsrMatrix ofRows(int cols, int[][] rowCols, float[][] rowValues) {
        int rows = rowCols.length;
        int[] start = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            start[r + 1] = start[r] + rowCols[r].length;
        }
        int[] ci = new int[start[rows]];
        float[] v = new float[start[rows]];
        for (int r = 0; r < rows; r++) {
            int[] c = rowCols[r];
            Integer[] order = new Integer[c.length];
            for (int k = 0; k < c.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(c[a], c[b]));
            for (int k = 0; k < c.length; k++) {
                ci[start[r] + k] = c[order[k]];
                v[start[r] + k] = rowValues[r][order[k]];
            }
        }
        return new CsrMatrix(rows, cols, start, ci, v);
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public int nnz() { return values.length; }

    public int rowStart(int r) { return rowStart[r]; }

    public int rowEnd(int r) { return rowStart[r + 1]; }

    public int rowLength(int r) { return rowStart[r + 1] - rowStart[r]; }

    public int colAt(int k) { return colIndex[k]; }

    public float valueAt(int k) { return values[k]; }

    /** The value at (r, c), 0 when absent. */
    public float get(int r, int c) {
        int k = Arrays.binarySearch(colIndex, rowStart[r], rowStart[r + 1], c);
        return k >= 0 ? values[k] : 0f;
    }

    public float rowSum(int r) {
        float s = 0;
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
            s += values[k];
        }
        return s;
    }

    public CsrMatrix transpose() {
        int[] start = new int[cols + 1];
        for (int c : colIndex) {
            start[c + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, cols);
        int[] ci = new int[values.length];
        float[] v = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int pos = fill[colIndex[k]]++;
                ci[pos] = r;
                v[pos] = values[k];
            }
        }
        return new CsrMatrix(cols, rows, start, ci, v);
    }

    /** Row indices of every stored entry, in storage order (the COO row array). */
    public long[] cooRows() {
        long[] out = new long[values.length];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(out, rowStart[r], rowStart[r + 1], r);
        }
        return out;
    }

    public long[] cooCols() {
        long[] out = new long[colIndex.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = colIndex[k];
        }
        return out;
    }

    public float[] valuesCopy() { return values.clone(); }
}
