package dev.assocrec.training.graph;

/**
 * How the item graph is built. Relation weights scale each relation's cosine similarities before
 * they are summed; a weight of 0 leaves the relation out.
 *
 * @param coPurchaseWeight   weight of co-purchase edges (items bought by the same user)
 * @param coViewWeight       weight of co-view edges (items viewed or carted by the same user; dwell-weighted)
 * @param attributeWeight    weight of attribute-similarity edges (shared category, brand, price band, ...)
 * @param topK               neighbours kept per item after the relations are combined
 * @param attributeTopK      neighbours kept per item by attribute similarity alone (keeps that relation sparse)
 * @param maxAttributeShare  attributes carried by more than this share of the items are too generic to link items
 * @param selfLoopWeight     weight of each item's edge to itself before normalisation
 */
public record GraphConfig(
        double coPurchaseWeight,
        double coViewWeight,
        double attributeWeight,
        int topK,
        int attributeTopK,
        double maxAttributeShare,
        double selfLoopWeight) {

    public GraphConfig {
        check("coPurchaseWeight", coPurchaseWeight);
        check("coViewWeight", coViewWeight);
        check("attributeWeight", attributeWeight);
        check("selfLoopWeight", selfLoopWeight);
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
        if (attributeTopK < 0) {
            throw new IllegalArgumentException("attributeTopK must be >= 0, was " + attributeTopK);
        }
        if (!(maxAttributeShare > 0 && maxAttributeShare <= 1)) {
            throw new IllegalArgumentException("maxAttributeShare must be in (0, 1], was " + maxAttributeShare);
        }
    }

    private static void check(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + w);
        }
    }

    public static GraphConfig defaults() {
        return new GraphConfig(1.0, 0.5, 0.2, 50, 10, 0.05, 1.0);
    }

    public GraphConfig withAttributeWeight(double w) {
        return new GraphConfig(coPurchaseWeight, coViewWeight, w, topK, attributeTopK, maxAttributeShare, selfLoopWeight);
    }

    public GraphConfig withTopK(int k) {
        return new GraphConfig(coPurchaseWeight, coViewWeight, attributeWeight, k, attributeTopK, maxAttributeShare, selfLoopWeight);
    }
}
