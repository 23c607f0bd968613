-- The clinic database of `sluice demo`.
--
-- ALL DATA LOADED INTO THESE TABLES IS SYNTHETIC (dev.sluice.app.demo.ClinicDataset): no row describes a real
-- person. The values are shaped like PHI on purpose (names, dates of birth, SSNs, MRNs, phone numbers, addresses,
-- member IDs, PHI inside free-text notes) so that the gateway's masking has something real to do.
--
-- The tables are created by, and so owned by, sluice_app: the gateway's upstream user.

CREATE TABLE providers (
    id         serial PRIMARY KEY,
    name       text NOT NULL,
    npi        text NOT NULL UNIQUE CHECK (npi ~ '^[0-9]{10}$'),
    specialty  text NOT NULL
);

CREATE TABLE patients (
    id              serial PRIMARY KEY,
    mrn             text NOT NULL UNIQUE,
    first_name      text NOT NULL,
    last_name       text NOT NULL,
    sex             text NOT NULL CHECK (sex IN ('F', 'M')),
    date_of_birth   date NOT NULL,
    ssn             text NOT NULL,
    phone           text NOT NULL,
    email           text NOT NULL,
    street_address  text NOT NULL,
    city            text NOT NULL,
    state           text NOT NULL,
    zip             text NOT NULL,
    insurance       jsonb NOT NULL,
    notes           text NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE visits (
    id              serial PRIMARY KEY,
    patient_id      integer NOT NULL REFERENCES patients (id),
    visit_date      timestamptz NOT NULL,
    provider_name   text NOT NULL,
    provider_npi    text NOT NULL REFERENCES providers (npi),
    reason          text NOT NULL,
    diagnosis_code  text NOT NULL,
    notes           text NOT NULL
);

CREATE INDEX visits_patient_id ON visits (patient_id);
CREATE INDEX patients_last_name ON patients (last_name);

COMMENT ON TABLE patients IS 'Synthetic patients for the Sluice demo; all data is synthetic.';
COMMENT ON TABLE visits IS 'Synthetic visits for the Sluice demo; all data is synthetic.';
COMMENT ON TABLE providers IS 'Synthetic providers for the Sluice demo; all data is synthetic.';
