package dev.sluice.core.lineage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL built-in functions whose results the lineage can describe, by what their result holds of their
 * arguments. Every function not listed here, and every function qualified by a schema other than
 * {@code pg_catalog}, is unknown: it may read any table ({@code query_to_xml}, {@code dblink}, a user's function),
 * so its result's origin is {@link ColumnOrigin.Unknown}.
 */
final class BuiltinFunctions {

    /** What a function's result holds of its arguments. */
    enum Kind {
        /** No argument's value: {@code count}, {@code row_number}, {@code now}. */
        CONSTANT,
        /** The argument's value as it is (function-style casts to text, {@code ANY(array)}). */
        IDENTITY,
        /** One of the value arguments' values, unchanged. */
        ONE_OF,
        /** An array of the value arguments' values. */
        ELEMENTS,
        /** An element of the (array) argument. */
        ELEMENT_OF,
        /** Computed from the arguments. */
        TRANSFORMED,
        /** The arguments' values embedded at unknown places. */
        CONTAINED,
        /** A JSON document of the argument; of named members when the argument is a row. */
        JSON_RECORD
    }

    /**
     * @param kind        what the result holds
     * @param valueArgs   the argument positions whose values the result holds (ONE_OF, ELEMENTS); empty: all. The
     *                    other arguments steer the result ({@code nullif}'s second)
     * @param fromColumns in FROM: the names of its columns, {@code ""} for the one column named after the alias or
     *                    the function (every function returning a single value or a set of them); null when not
     *                    known (functions returning records)
     */
    record Spec(Kind kind, Set<Integer> valueArgs, List<String> fromColumns) {

        boolean isValue(int position) {
            return valueArgs.isEmpty() || valueArgs.contains(position);
        }
    }

    private static final List<String> SINGLE = List.of("");
    private static final Map<String, Spec> FUNCTIONS = new HashMap<>();

    static {
        all(Kind.CONSTANT, """
                count row_number rank dense_rank percent_rank cume_dist ntile now current_timestamp current_date
                current_time localtime localtimestamp clock_timestamp statement_timestamp transaction_timestamp
                timeofday random random_normal setseed pi version current_database current_catalog current_schema
                current_schemas current_user session_user current_role user pg_backend_pid inet_client_addr
                inet_client_port inet_server_addr inet_server_port pg_postmaster_start_time pg_conf_load_time
                txid_current txid_current_if_assigned pg_current_xact_id gen_random_uuid uuidv4 uuidv7
                uuid_generate_v1 uuid_generate_v4 nextval currval lastval setval pg_typeof
                pg_sleep current_setting set_config pg_is_in_recovery""");
        all(Kind.IDENTITY, "text varchar bpchar any some all");
        all(Kind.ONE_OF, "coalesce greatest least min max any_value first_value last_value mode percentile_disc");
        put("nullif", Kind.ONE_OF, Set.of(0), SINGLE);
        put("nth_value", Kind.ONE_OF, Set.of(0), SINGLE);
        put("lag", Kind.ONE_OF, Set.of(0, 2), SINGLE);
        put("lead", Kind.ONE_OF, Set.of(0, 2), SINGLE);
        all(Kind.ELEMENTS, "array_agg array array_append array_prepend array_cat");
        put("array_remove", Kind.ELEMENTS, Set.of(0), SINGLE);
        put("array_replace", Kind.ELEMENTS, Set.of(0, 2), SINGLE);
        put("array_fill", Kind.ELEMENTS, Set.of(0), SINGLE);
        put("trim_array", Kind.ELEMENTS, Set.of(0), SINGLE);
        put("array_shuffle", Kind.ELEMENTS, Set.of(0), SINGLE);
        put("array_sample", Kind.ELEMENTS, Set.of(0), SINGLE);
        put("unnest", Kind.ELEMENT_OF, Set.of(), SINGLE);
        all(Kind.JSON_RECORD, """
                to_json to_jsonb row_to_json json_agg jsonb_agg json_agg_strict jsonb_agg_strict array_to_json""");
        all(Kind.CONTAINED, """
                string_agg array_to_string json_build_object jsonb_build_object json_build_array jsonb_build_array
                json_object jsonb_object json_object_agg jsonb_object_agg json_object_agg_strict
                jsonb_object_agg_strict json_object_agg_unique jsonb_object_agg_unique json_object_agg_unique_strict
                jsonb_object_agg_unique_strict jsonb_set jsonb_set_lax jsonb_insert jsonb_strip_nulls
                json_strip_nulls jsonb_pretty row xmlagg xmlconcat ts_headline concat_ws""");
        all(Kind.TRANSFORMED, """
                upper lower initcap substr substring left right lpad rpad trim btrim ltrim rtrim replace translate
                reverse repeat concat format length char_length character_length octet_length bit_length md5 sha224
                sha256 sha384 sha512 encode decode position strpos split_part regexp_replace regexp_substr
                regexp_match regexp_count regexp_instr regexp_like regexp_split_to_array string_to_array
                starts_with quote_literal quote_ident quote_nullable to_hex to_bin to_oct ascii chr overlay
                normalize unaccent unistr casefold convert convert_from convert_to to_ascii similarity
                word_similarity strict_word_similarity levenshtein levenshtein_less_equal soundex difference
                metaphone dmetaphone dmetaphone_alt digest hmac crypt gen_salt pgp_sym_encrypt pgp_sym_decrypt
                pgp_pub_encrypt pgp_pub_decrypt encrypt decrypt armor dearmor crc32 crc32c hashtext
                hashtextextended to_char to_date to_timestamp to_number date_trunc date_part extract age
                justify_days justify_hours justify_interval make_date make_time make_timestamp make_timestamptz
                make_interval date_bin isfinite date_add date_subtract timezone abs ceil ceiling floor round trunc
                sign mod power pow sqrt cbrt exp ln log log10 div width_bucket degrees radians sin cos tan asin acos
                atan atan2 factorial gcd lcm scale min_scale trim_scale sum avg stddev stddev_pop stddev_samp
                variance var_pop var_samp corr covar_pop covar_samp regr_avgx regr_avgy regr_count regr_intercept
                regr_r2 regr_slope regr_sxx regr_sxy regr_syy bit_and bit_or bit_xor bool_and bool_or every
                percentile_cont range_agg range_intersect_agg array_length array_position array_positions
                cardinality array_upper array_lower array_dims array_ndims jsonb_typeof json_typeof
                jsonb_array_length json_array_length jsonb_extract_path jsonb_extract_path_text json_extract_path
                json_extract_path_text jsonb_path_query_first jsonb_path_exists jsonb_path_match
                jsonb_path_query_array json_scalar json_serialize to_tsvector to_tsquery plainto_tsquery
                phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd host hostmask network netmask broadcast
                inet family masklen abbrev set_masklen isempty lower_inc upper_inc lower_inf upper_inf
                pg_column_size num_nulls num_nonnulls uuid_extract_timestamp uuid_extract_version bool int2 int4
                int8 float4 float8
                numeric date timestamp timestamptz""");
        put("generate_series", Kind.TRANSFORMED, Set.of(), SINGLE);
        put("generate_subscripts", Kind.TRANSFORMED, Set.of(), SINGLE);
        for (String name : List.of("json_array_elements", "jsonb_array_elements", "json_array_elements_text",
                "jsonb_array_elements_text", "json_object_keys", "jsonb_object_keys", "regexp_split_to_table",
                "string_to_table", "regexp_matches", "jsonb_path_query")) {
            put(name, Kind.TRANSFORMED, Set.of(), SINGLE);
        }
        for (String name : List.of("json_each", "jsonb_each", "json_each_text", "jsonb_each_text")) {
            put(name, Kind.TRANSFORMED, Set.of(), List.of("key", "value"));
        }
        for (String name : List.of("json_to_record", "jsonb_to_record", "json_to_recordset", "jsonb_to_recordset",
                "json_populate_record", "jsonb_populate_record", "json_populate_recordset",
                "jsonb_populate_recordset")) {
            put(name, Kind.TRANSFORMED, Set.of(), null);
        }
    }

    private BuiltinFunctions() {
    }

    /** What is known of the built-in function {@code name} (lower-case, unqualified), or null. */
    static Spec of(String name) {
        return name == null ? null : FUNCTIONS.get(name);
    }

    private static void all(Kind kind, String names) {
        for (String name : names.trim().split("\\s+")) {
            put(name, kind, Set.of(), SINGLE);
        }
    }

    private static void put(String name, Kind kind, Set<Integer> valueArgs, List<String> fromColumns) {
        if (FUNCTIONS.put(name, new Spec(kind, valueArgs, fromColumns)) != null) {
            throw new IllegalStateException("function listed twice: " + name);
        }
    }
}
