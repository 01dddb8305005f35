package dev.assocrec.functions.testing;

/** A local model store whose v1 is a GCN trained by the training module on a small planted shop. */
public class TrainedStoreResource extends LocalStoreResource {
    @Override
    protected boolean trained() {
        return true;
    }
}
