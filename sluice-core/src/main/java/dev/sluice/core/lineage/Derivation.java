package dev.sluice.core.lineage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link ColumnOrigin.Derived derived} output value relates to its source columns' values, which says whether
 * a source column's masking strategy can still be applied to it. When it cannot, mask the whole value (in full) if
 * any source is protected.
 */
public sealed interface Derivation {

    /** The value is one of the sources' values, unchanged (or a constant or NULL). */
    Derivation ONE_OF = new OneOf();
    /** The value is an array whose elements are the sources' values, unchanged. */
    Derivation ELEMENTS = new Elements();
    /** The value is computed from the sources' values. */
    Derivation TRANSFORMED = new Transformed();
    /** The sources' values are embedded in a bigger value at places that are not known. */
    Derivation CONTAINED = new Contained();

    /**
     * Whether a source column's strategy can be applied to this value as it stands: to the whole value for
     * {@link OneOf}, to each element for {@link Elements}, to each named member for {@link JsonRecords}.
     */
    boolean strategyApplies();

    /**
     * One of the sources' values, unchanged: {@code COALESCE(ssn, '')}, the branches of a {@code CASE} whose
     * conditions read no column, {@code min}/{@code max}, {@code lag}/{@code lead}, a column of a set operation
     * whose branches differ, an unqualified name that may come from several tables. Apply the strategy of the
     * source (the strictest one, when there are several) to the value.
     */
    record OneOf() implements Derivation {
        @Override
        public boolean strategyApplies() {
            return true;
        }
    }

    /**
     * An SQL array whose elements are the sources' values, unchanged: {@code array_agg(ssn)},
     * {@code ARRAY[ssn, mrn]}, {@code ARRAY(SELECT ssn …)}. Apply the strategy to each element.
     */
    record Elements() implements Derivation {
        @Override
        public boolean strategyApplies() {
            return true;
        }
    }

    /**
     * A JSON document made of rows: {@code row_to_json(p)}, {@code to_jsonb(p)} (one object) or
     * {@code json_agg(p)}, {@code jsonb_agg(p.*)} (an array of objects), where each member named after a key of
     * {@link #members} holds a value of that origin. A rule can apply at those members (a JSON path such as
     * {@code $..ssn} reaches them in either shape); the rest of the document holds no source value.
     *
     * @param members member name → where its value comes from (never {@link ColumnOrigin.Unknown})
     */
    record JsonRecords(Map<String, ColumnOrigin> members) implements Derivation {
        public JsonRecords {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public boolean strategyApplies() {
            return true;
        }
    }

    /**
     * Computed from the sources: {@code upper(ssn)}, {@code ssn || 'x'}, {@code substr(ssn, 1, 3)},
     * {@code ssn::int}, {@code ssn LIKE '1%'}, a {@code CASE} whose conditions read a column. A strategy meant for
     * the source value does not fit: mask the whole value.
     */
    record Transformed() implements Derivation {
        @Override
        public boolean strategyApplies() {
            return false;
        }
    }

    /**
     * The sources' values appear inside the value where no rule can find them: {@code string_agg(ssn, ',')},
     * {@code json_build_object('k', ssn)} (its keys are literals the analysis does not see), {@code to_json(ssn)},
     * a row's text form ({@code SELECT p FROM patients p}). Mask the whole value; the content detectors see the
     * raw values in it.
     */
    record Contained() implements Derivation {
        @Override
        public boolean strategyApplies() {
            return false;
        }
    }
}
