package dev.assocrec.functions.testing;

/** A local model store whose v1 has {@link PlantedShop} tables: category clusters and a popularity prior. */
public class PlantedStoreResource extends LocalStoreResource {
    @Override
    protected boolean planted() {
        return true;
    }
}
