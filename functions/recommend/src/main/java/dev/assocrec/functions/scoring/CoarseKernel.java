package dev.assocrec.functions.scoring;

/**
 * Integer scores of every item of an {@link Int8Table} against quantised pooled levels, offered to a
 * bounded selection. Kept behind an interface because the fast kernel needs {@code jdk.incubator.vector},
 * which a JVM only has when started with {@code --add-modules jdk.incubator.vector}.
 */
interface CoarseKernel {
    /** Offers every item whose integer score may belong to the selection's best; never the padding rows. */
    void scan(Int8Table table, int[] pooledLevels, CoarseSelection selection);

    /** The block width this kernel reads with one vector load. */
    int width();

    /** The table's dimensions are padded to a multiple of this. */
    int group();

    /** The largest |pooled level| the kernel's integer arithmetic holds exactly (table levels up to ±127). */
    int pooledLevels();
}
