package dev.sluice.app.demo;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A synthetic patient's health plan, stored as the {@code patients.insurance} jsonb document. All data is
 * synthetic; payer names are real companies, member and group numbers are invented.
 */
public record Insurance(String payer, String memberId, String groupNumber, String plan) {

    private static final List<String> PAYERS = List.of(
            "Blue Cross Blue Shield", "Aetna", "UnitedHealthcare", "Cigna", "Humana", "Kaiser Permanente",
            "Medicare", "Medicaid", "Tricare", "Anthem", "Molina Healthcare", "Harvard Pilgrim");

    private static final List<String> PLANS = List.of("PPO", "HMO", "EPO", "POS", "HDHP", "Medicare Advantage");

    public Insurance {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupNumber, "groupNumber");
        Objects.requireNonNull(plan, "plan");
    }

    static Insurance random(RandomGenerator random) {
        return new Insurance(PAYERS.get(random.nextInt(PAYERS.size())), SyntheticIdentifiers.memberId(random),
                SyntheticIdentifiers.groupNumber(random), PLANS.get(random.nextInt(PLANS.size())));
    }

    /** The jsonb text: {@code {"payer": "...", "member_id": "...", "group_number": "...", "plan": "..."}}. */
    public String toJson() {
        return "{\"payer\": " + quoted(payer) + ", \"member_id\": " + quoted(memberId)
                + ", \"group_number\": " + quoted(groupNumber) + ", \"plan\": " + quoted(plan) + "}";
    }

    private static String quoted(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u%04x".formatted((int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    @Override
    public String toString() {
        return "Insurance[payer=" + payer + ", plan=" + plan + "]"; // member and group numbers stay out of logs
    }
}
