package dev.sluice.app.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * ALL DATA IN THIS DATASET IS SYNTHETIC. No row describes a real person: names are drawn from common-name lists,
 * identifiers are random numbers that merely follow the format rules of real ones (see
 * {@link SyntheticIdentifiers}), telephone numbers are in the range reserved for fiction and e-mail addresses use
 * reserved example domains.
 *
 * <p>The clinic {@code sluice demo} serves: providers, patients (with PHI in columns, in a jsonb document and in
 * free-text notes) and visits. A seeded {@link SplittableRandom} drives everything and no value depends on the
 * clock, so a given seed yields the same rows on every run and every machine; the demo's walkthrough and the
 * tests can name a patient and know what the gateway must hide.
 *
 * <p>Each table draws from its own generator split off the seed, so changing how visits are made does not
 * change the patients.
 */
public final class ClinicDataset {

    /** The seed {@code sluice demo} uses. */
    public static final long STANDARD_SEED = 20_250_630L;
    public static final int STANDARD_PATIENTS = 1_000;
    public static final int STANDARD_VISITS = 5_000;
    static final int PROVIDERS = 24;

    /** The day the dataset pretends it is: ages, visit dates and creation times are computed against it. */
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    private static final LocalDate FIRST_REGISTRATION = LocalDate.of(2015, 1, 5);
    private static final LocalDate OLDEST_BIRTH = LocalDate.of(1935, 1, 1);
    private static final LocalDate YOUNGEST_BIRTH = LocalDate.of(2022, 12, 31);

    private static final List<String> SPECIALTIES = List.of("Family Medicine", "Internal Medicine", "Pediatrics",
            "Cardiology", "Endocrinology", "Psychiatry", "Obstetrics and Gynecology", "Pulmonology",
            "Orthopedic Surgery", "Dermatology");
    private static final List<String> CREDENTIALS = List.of("MD", "MD", "MD", "DO", "NP", "PA-C");

    private final List<Provider> providers;
    private final List<Patient> patients;
    private final List<Visit> visits;

    private ClinicDataset(List<Provider> providers, List<Patient> patients, List<Visit> visits) {
        this.providers = List.copyOf(providers);
        this.patients = List.copyOf(patients);
        this.visits = List.copyOf(visits);
    }

    /** The dataset {@code sluice demo} loads: 1,000 patients and 5,000 visits from {@link #STANDARD_SEED}. */
    public static ClinicDataset standard() {
        return generate(STANDARD_SEED, STANDARD_PATIENTS, STANDARD_VISITS);
    }

    /** A dataset of the given size; the same arguments always give the same rows. */
    public static ClinicDataset generate(long seed, int patientCount, int visitCount) {
        if (patientCount < 1 || visitCount < 0) {
            throw new IllegalArgumentException("need at least one patient and no negative visit count");
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom providerRandom = root.split();
        SplittableRandom patientRandom = root.split();
        SplittableRandom visitRandom = root.split();
        NameLists names = NameLists.bundled();

        List<Provider> providers = providers(providerRandom, names);
        List<Generated> patients = patients(patientRandom, names, patientCount);
        List<Visit> visits = visits(visitRandom, patients, providers, visitCount);
        return new ClinicDataset(providers, patients.stream().map(Generated::patient).toList(), visits);
    }

    public List<Provider> providers() {
        return providers;
    }

    public List<Patient> patients() {
        return patients;
    }

    public List<Visit> visits() {
        return visits;
    }

    @Override
    public String toString() {
        return "ClinicDataset[providers=" + providers.size() + ", patients=" + patients.size() + ", visits="
                + visits.size() + "]";
    }

    /** A patient with the facts its visit notes need and its standing condition. */
    private record Generated(Patient patient, ClinicNotes.Facts facts, Condition standing) {
    }

    private static List<Provider> providers(RandomGenerator random, NameLists names) {
        Set<String> npis = new HashSet<>();
        List<Provider> providers = new ArrayList<>(PROVIDERS);
        for (int id = 1; id <= PROVIDERS; id++) {
            String first = pick(random, random.nextBoolean() ? names.femaleFirstNames() : names.maleFirstNames());
            String last = pick(random, names.lastNames());
            String npi = unique(npis, () -> SyntheticIdentifiers.npi(random));
            providers.add(new Provider(id, first + " " + last + ", " + pick(random, CREDENTIALS), last, npi,
                    SPECIALTIES.get((id - 1) % SPECIALTIES.size())));
        }
        return providers;
    }

    private static List<Generated> patients(RandomGenerator random, NameLists names, int count) {
        Set<String> mrns = new HashSet<>();
        Set<String> ssns = new HashSet<>();
        List<Generated> patients = new ArrayList<>(count);
        for (int id = 1; id <= count; id++) {
            boolean female = random.nextBoolean();
            List<String> firstNames = female ? names.femaleFirstNames() : names.maleFirstNames();
            String first = pick(random, firstNames);
            String last = pick(random, names.lastNames());
            LocalDate dob = day(random, OLDEST_BIRTH, YOUNGEST_BIRTH);
            Place place = pick(random, Place.ALL);
            ClinicNotes.Facts facts = new ClinicNotes.Facts(first, last, female ? "F" : "M", dob,
                    unique(ssns, () -> SyntheticIdentifiers.ssn(random)),
                    unique(mrns, () -> SyntheticIdentifiers.mrn(random)),
                    SyntheticIdentifiers.phone(random, place.areaCode()),
                    SyntheticIdentifiers.email(random, first, last),
                    random.nextInt(1, 9_900) + " " + pick(random, Place.STREETS),
                    place, SyntheticIdentifiers.zip(random, place.zipPrefix()), Insurance.random(random));
            Condition standing = pick(random, Condition.ALL);
            String relative = pick(random, random.nextBoolean() ? names.femaleFirstNames() : names.maleFirstNames());
            String notes = ClinicNotes.patientNote(random, facts, standing, AS_OF, relative);
            LocalDate registered = day(random, FIRST_REGISTRATION, AS_OF.minusDays(30));
            if (registered.isBefore(dob)) {
                registered = dob.plusDays(random.nextInt(1, 30));
            }
            Patient patient = new Patient(id, facts.mrn(), first, last, facts.sex(), dob, facts.ssn(), facts.phone(),
                    facts.email(), facts.street(), place.city(), place.state(), facts.zip(), facts.insurance(), notes,
                    officeHours(random, registered));
            patients.add(new Generated(patient, facts, standing));
        }
        return patients;
    }

    private static List<Visit> visits(RandomGenerator random, List<Generated> patients, List<Provider> providers,
                                      int count) {
        record Unnumbered(int patientId, OffsetDateTime when, Provider provider, Condition condition, String notes) {
        }
        List<Unnumbered> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Generated who = pick(random, patients);
            // half the visits are about the patient's standing condition, as in a real panel
            Condition condition = random.nextBoolean() ? who.standing() : pick(random, Condition.ALL);
            Provider provider = pick(random, providers);
            LocalDate from = who.patient().createdAt().toLocalDate();
            OffsetDateTime when = officeHours(random, day(random, from, AS_OF));
            drafts.add(new Unnumbered(who.patient().id(), when, provider, condition,
                    ClinicNotes.visitNote(random, who.facts(), provider, condition)));
        }
        // ids follow time, as a serial column filled by a running clinic would
        drafts.sort(Comparator.comparing(Unnumbered::when).thenComparing(Unnumbered::patientId));
        List<Visit> visits = new ArrayList<>(count);
        for (Unnumbered draft : drafts) {
            visits.add(new Visit(visits.size() + 1, draft.patientId(), draft.when(), draft.provider().name(),
                    draft.provider().npi(), draft.condition().reason(), draft.condition().icd10(), draft.notes()));
        }
        return visits;
    }

    private static <T> T pick(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String unique(Set<String> seen, Supplier<String> draw) {
        String value = draw.get();
        while (!seen.add(value)) {
            value = draw.get();
        }
        return value;
    }

    private static LocalDate day(RandomGenerator random, LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return span <= 0 ? from : from.plusDays(random.nextLong(span + 1));
    }

    /** A time between 08:00 and 17:00 US Eastern standard time, stored in UTC. */
    private static OffsetDateTime officeHours(RandomGenerator random, LocalDate day) {
        LocalTime time = LocalTime.of(13, 0).plusMinutes(random.nextInt(9 * 60)).plusSeconds(random.nextInt(60));
        return OffsetDateTime.of(day, time, ZoneOffset.UTC);
    }
}
