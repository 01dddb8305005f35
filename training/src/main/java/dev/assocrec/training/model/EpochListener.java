package dev.assocrec.training.model;

/** Receives each epoch's loss and validation metrics as training goes (CLI output, report curve). */
@FunctionalInterface
public interface EpochListener {
    void onEpoch(EpochStats stats);

    EpochListener NONE = stats -> { };
}
