package dev.sluice.app.demo;

import java.util.Objects;

/**
 * One row of {@code providers}: a synthetic clinician with a well-formed NPI. All data is synthetic.
 *
 * @param name      as it appears on a visit, e.g. {@code Priya Shah, MD}
 * @param lastName  for notes ("Dr. Shah")
 */
public record Provider(int id, String name, String lastName, String npi, String specialty) {

    public Provider {
        if (id < 1) {
            throw new IllegalArgumentException("provider id must be positive");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(npi, "npi");
        Objects.requireNonNull(specialty, "specialty");
    }
}
