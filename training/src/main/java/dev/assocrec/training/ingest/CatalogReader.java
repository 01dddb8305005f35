package dev.assocrec.training.ingest;

import dev.assocrec.training.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads a catalogue (CSV or Parquet) into the DuckDB table {@code catalog}
 * {@code (item_id, category, brand, price, title, price_band, cidx)}, {@code cidx} = file order.
 * Price bands are quantiles within the item's category when it has enough priced items, else
 * global quantiles; band 1 is the cheapest.
 */
final class CatalogReader {
    static final String TABLE = "catalog";

    private static final List<RowChecks.Check> CHECKS = List.of(
            new RowChecks.Check("item_id", "missing item_id (row skipped)"),
            new RowChecks.Check("item_id_duplicate", "item_id", "duplicate item_id (first row kept)"),
            new RowChecks.Check("price", "price is not a number >= 0 (price dropped, item kept)"));

    record Result(LoadedTable loaded, SkipLedger ledger, long items) {}

    private final DuckSession duck;
    private final Progress progress;

    CatalogReader(DuckSession duck, Progress progress) {
        this.duck = duck;
        this.progress = progress;
    }

    Result read(Path path, boolean parquet, double maxBadFraction, int priceBands, int minItemsPerCategoryBand)
            throws BadInputException, IOException, SQLException {
        LoadedTable raw = new TabularLoader(duck, progress).load(path, parquet, ColumnSpec.CATALOG, "catalog_raw");
        duck.execute("CREATE TABLE catalog_checked AS SELECT *, CASE WHEN item_id IS NULL THEN 'item_id' "
                + "WHEN row_number() OVER (PARTITION BY item_id ORDER BY rn) > 1 THEN 'item_id_duplicate' "
                + "WHEN price IS NOT NULL AND NOT coalesce(isfinite(p) AND p >= 0, false) THEN 'price' END AS bad_column "
                + "FROM (SELECT *, TRY_CAST(price AS DOUBLE) AS p FROM " + raw.table() + ")");
        SkipLedger ledger = new SkipLedger(raw.file());
        RowChecks.record(duck, raw, "catalog_checked", CHECKS, ledger);
        ledger.enforce(raw.records() + raw.malformed().size(), maxBadFraction);

        duck.execute("CREATE TABLE catalog_kept AS SELECT item_id, category, brand, "
                + "CASE WHEN bad_column IS NULL THEN p END AS price, title, "
                + "row_number() OVER (ORDER BY rn) - 1 AS cidx FROM catalog_checked "
                + "WHERE bad_column IS NULL OR bad_column = 'price'");
        String band = "least(" + priceBands + ", 1 + floor(%s * " + priceBands + "))";
        duck.execute("CREATE TABLE " + TABLE + " AS SELECT k.*, b.price_band FROM catalog_kept k LEFT JOIN ("
                + "SELECT cidx, CASE WHEN category IS NOT NULL AND n_in_category >= " + minItemsPerCategoryBand
                + " THEN " + band.formatted("in_category") + " ELSE " + band.formatted("overall") + " END AS price_band "
                + "FROM (SELECT cidx, category, count(*) OVER (PARTITION BY category) AS n_in_category, "
                + "percent_rank() OVER (PARTITION BY category ORDER BY price) AS in_category, "
                + "percent_rank() OVER (ORDER BY price) AS overall FROM catalog_kept WHERE price IS NOT NULL)"
                + ") b USING (cidx) ORDER BY cidx");
        duck.execute("DROP TABLE catalog_checked");
        duck.execute("DROP TABLE catalog_kept");
        duck.execute("DROP TABLE " + raw.table());
        return new Result(raw, ledger, duck.queryLong("SELECT count(*) FROM " + TABLE));
    }
}
