package dev.assocrec.training.model;

import dev.assocrec.training.data.UserHistory;
import java.util.List;

/**
 * Per-item factors on the context rows: s_i = max(1, deg_i)^-β with deg_i the number of train
 * histories holding item i. Serving mean-pools context rows, so scaling the rows themselves turns
 * that plain mean into a popularity-normalised sum (LightGCN's e_u = Σ e_i / sqrt(|N_u|·|N_i|) for
 * β = ½; the |N_u| factor drops out because a user vector's length does not change its ranking).
 * Training and export multiply by the same factors, so the served model scores as trained.
 */
final class ContextScale {
    private final float[] factors;
    /** Train degrees, for the targets' popularity prior in training. */
    private final int[] degrees;

    private ContextScale(float[] factors, int[] degrees) {
        this.factors = factors;
        this.degrees = degrees;
    }

    /** Factors from train degrees; β = 0 gives all ones. */
    static ContextScale ofDegrees(List<UserHistory> train, int items, double exponent) {
        if (!(exponent >= 0)) {
            throw new IllegalArgumentException("degree exponent must be >= 0: " + exponent);
        }
        int[] degrees = ItemDegrees.ofTrain(train, items);
        return new ContextScale(ItemDegrees.powers(degrees, -exponent), degrees);
    }

    /** Train degree per item (the array itself: callers only read it). */
    int[] degrees() {
        return degrees;
    }

    /** max(1, deg_i)^τ per item: the {@link PopularityTilt} factors of exponent τ, from the same degrees. */
    float[] targetPrior(double exponent) {
        return ItemDegrees.powers(degrees, exponent);
    }

    /** The factor of item {@code i}. */
    float factor(int i) {
        return factors[i];
    }

    /** The factors as an items × 1 column, to broadcast over table rows. */
    float[] column() {
        return factors.clone();
    }
}
