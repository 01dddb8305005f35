package dev.assocrec.training.ingest;

import java.util.Locale;

/** The input layouts the training app reads. */
public enum InputFormat {
    /** Shop event log CSV ({@code --events}) and optional catalogue ({@code --catalog}). */
    CSV,
    /** The same event columns in a Parquet file. */
    PARQUET,
    /** Ordered sequences, one user per line ({@code --input}), optional {@code --attributes} JSON. */
    SEQUENCE,
    /** LightGCN benchmark split ({@code --train} one or more parts, {@code --test}). */
    LIGHTGCN;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
