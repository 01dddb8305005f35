package dev.assocrec.store;

/** What goes wrong with the N-th upload in a fault-injection test. */
enum UploadFault {
    /** The upload fails outright, as a dropped connection or a full disk would. */
    FAIL,
    /** The upload "succeeds" but stores one flipped byte, as silent corruption in transit would. */
    CORRUPT
}
