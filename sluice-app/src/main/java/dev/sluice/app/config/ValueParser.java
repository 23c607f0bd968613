package dev.sluice.app.config;

/** Turns one YAML value into a typed value, or says what is wrong with it. */
@FunctionalInterface
interface ValueParser<T> {

    T parse(YamlNode node) throws InvalidValue;

    /** Applies a further check or conversion to the parsed value. */
    default <R> ValueParser<R> then(Conversion<? super T, R> next) {
        return node -> next.apply(parse(node));
    }

    @FunctionalInterface
    interface Conversion<T, R> {
        R apply(T value) throws InvalidValue;
    }
}
