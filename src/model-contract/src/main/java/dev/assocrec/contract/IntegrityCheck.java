package dev.assocrec.contract;

/**
 * How thoroughly a version's files are checked against their manifest entries. Both depths catch what
 * the checksums are there for: a truncated, torn, corrupted or mismatched file. Neither authenticates
 * the publisher: the manifest sits unsigned beside the files, so whoever can replace a file can replace
 * its entry too; access to the store (IAM, bucket policy) is that boundary.
 */
public enum IntegrityCheck {
    /** sha256 of every file, and its crc32 where listed: what training, publishing and the tools check. */
    FULL,
    /**
     * crc32 where the manifest lists one, sha256 otherwise: what serving checks on a cold start. The JVM
     * computes CRC-32 with a CPU instruction from the first call (interpreter and C1 too) at gigabytes per
     * second, while sha256 without SHA extensions runs ~35–100 MB/s before C2 compiles it and never gets
     * faster under Lambda's C1-only setting: about 1.5 s of CPU for a 100k-item version.
     */
    FAST;

    boolean checksSha256(Manifest.FileEntry entry) {
        return this == FULL || entry.crc32() == null;
    }

    boolean checksCrc32(Manifest.FileEntry entry) {
        return entry.crc32() != null;
    }
}
