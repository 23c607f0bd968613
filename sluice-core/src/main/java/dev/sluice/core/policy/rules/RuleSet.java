package dev.sluice.core.policy.rules;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named, ordered list of compiled rules: one entry of the configuration's {@code policies:}.
 *
 * @param name     the name connections refer to ({@code connections[].policy})
 * @param timeZone the zone of {@code time.hour}, {@code time.weekday} and {@code time.date}
 * @param rules    in the order they are tried; names unique
 */
public record RuleSet(String name, ZoneId timeZone, List<Rule> rules) {

    public RuleSet {
        Objects.requireNonNull(name, "name");
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
        rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("duplicate rule name '" + rule.name() + "' in policy " + name);
            }
        }
    }
}
