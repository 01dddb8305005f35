package dev.assocrec.training.graph;

/**
 * The item–item graph the GCN propagates over.
 *
 * @param adjacency   symmetric weights with self-loops (Â)
 * @param normalized  D̂^-½ Â D̂^-½, what the layers multiply by
 * @param edges       non-self edges per relation before combination: co-purchase, co-view, attribute
 * @param config      how it was built
 */
public record ItemGraph(CsrMatrix adjacency, CsrMatrix normalized, RelationEdges edges, GraphConfig config,
                        double buildSeconds) {

    public record RelationEdges(long coPurchase, long coView, long attribute) {}

    public int itemCount() { return adjacency.rows(); }
}
