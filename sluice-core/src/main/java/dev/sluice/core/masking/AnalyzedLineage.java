package dev.sluice.core.masking;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.lineage.ColumnOrigin;
import dev.sluice.core.lineage.Derivation;
import dev.sluice.core.lineage.Lineage;
import dev.sluice.core.lineage.LineageAnalyzer;
import dev.sluice.core.lineage.SourceColumn;
import dev.sluice.core.masking.ResultMasking.Origin;
import dev.sluice.core.masking.ResultMasking.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ResultMasking.SqlLineage} from the SQL lineage analysis ({@link LineageAnalyzer}). */
public final class AnalyzedLineage implements ResultMasking.SqlLineage {

    public static final AnalyzedLineage INSTANCE = new AnalyzedLineage();

    private AnalyzedLineage() {
    }

    @Override
    public Optional<List<Origin>> outputs(SqlStatement statement, TableColumns catalog, int columnCount) {
        Lineage lineage = LineageAnalyzer.analyze(statement, catalog);
        if (!lineage.known()) {
            return Optional.empty();
        }
        List<Origin> origins = new ArrayList<>(columnCount);
        for (ColumnOrigin origin : lineage.originsFor(columnCount)) {
            origins.add(switch (origin) {
                case ColumnOrigin.Direct direct -> new Origin.Direct(source(direct.source()));
                case ColumnOrigin.Derived derived -> new Origin.Derived(
                        derived.sources().stream().map(AnalyzedLineage::source).toList(), unchanged(derived.how()));
                case ColumnOrigin.Constant constant -> new Origin.Constant();
                case ColumnOrigin.Unknown unknown -> new Origin.Unknown();
            });
        }
        return Optional.of(origins);
    }

    /** Values that are the sources' own (one of them, or the elements of an array of them) keep their strategy. */
    private static boolean unchanged(Derivation how) {
        return how instanceof Derivation.OneOf || how instanceof Derivation.Elements;
    }

    private static Source source(SourceColumn column) {
        return new Source(column.schema(), column.table(), column.column());
    }
}
