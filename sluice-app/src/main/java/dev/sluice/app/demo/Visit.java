package dev.sluice.app.demo;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One row of {@code visits}. All data is synthetic; {@link #toString()} prints ids only, as the house rule for
 * row values asks.
 */
public record Visit(int id, int patientId, OffsetDateTime visitDate, String providerName, String providerNpi,
                    String reason, String diagnosisCode, String notes) {

    public Visit {
        if (id < 1 || patientId < 1) {
            throw new IllegalArgumentException("visit and patient ids must be positive");
        }
        Objects.requireNonNull(visitDate, "visitDate");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(providerNpi, "providerNpi");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(diagnosisCode, "diagnosisCode");
        Objects.requireNonNull(notes, "notes");
    }

    @Override
    public String toString() {
        return "Visit[id=" + id + ", patientId=" + patientId + "]";
    }
}
