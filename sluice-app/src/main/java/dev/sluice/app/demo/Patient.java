package dev.sluice.app.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One row of {@code patients}. All data is synthetic; it is still shaped like PHI, so {@link #toString()} prints
 * only the row id, as the house rule for row values asks.
 */
public record Patient(int id, String mrn, String firstName, String lastName, String sex, LocalDate dateOfBirth,
                      String ssn, String phone, String email, String streetAddress, String city, String state,
                      String zip, Insurance insurance, String notes, OffsetDateTime createdAt) {

    public Patient {
        if (id < 1) {
            throw new IllegalArgumentException("patient id must be positive");
        }
        Objects.requireNonNull(mrn, "mrn");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(ssn, "ssn");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(streetAddress, "streetAddress");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(zip, "zip");
        Objects.requireNonNull(insurance, "insurance");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The jsonb text of {@link #insurance()}. */
    public String insuranceJson() {
        return insurance.toJson();
    }

    @Override
    public String toString() {
        return "Patient[id=" + id + "]";
    }
}
