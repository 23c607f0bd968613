package dev.sluice.app.demo;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Free-text clinical notes with PHI written inline, the way people actually type them: names, dates of birth,
 * phone numbers, and now and then an SSN, an MRN or a member ID. This is the text the gateway's content detectors
 * must catch where no column rule can help. All data is synthetic.
 */
final class ClinicNotes {

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final List<String> RELATIONS = List.of("daughter", "son", "wife", "husband", "mother", "sister",
            "brother", "caregiver");

    private ClinicNotes() {
    }

    /** What a note about a patient may mention. */
    record Facts(String firstName, String lastName, String sex, LocalDate dateOfBirth, String ssn, String mrn,
                 String phone, String email, String street, Place place, String zip, Insurance insurance) {
    }

    /** The chart note kept on the patient row: intake, phone calls, a standing condition. */
    static String patientNote(RandomGenerator random, Facts p, Condition standing, LocalDate asOf,
                              String relativeFirstName) {
        String name = p.firstName() + " " + p.lastName();
        StringBuilder note = new StringBuilder(switch (random.nextInt(5)) {
            case 0 -> "Pt " + name + " (DOB " + dob(random, p) + ") seen for follow-up of " + standing.wording()
                    + "; call back at " + p.phone() + ".";
            case 1 -> name + ", " + age(p, asOf) + "-year-old " + ("F".equals(p.sex()) ? "woman" : "man") + ", DOB "
                    + dob(random, p) + ". Presents for " + standing.reason().toLowerCase(Locale.ROOT)
                    + ". Best contact number " + p.phone() + ".";
            case 2 -> "Called pt " + name + " at " + p.phone() + " with lab results; identity verified with DOB "
                    + dob(random, p) + ". Hx of " + standing.wording() + ".";
            case 3 -> "New patient intake: " + name + " (DOB " + dob(random, p) + "), lives at " + p.street() + ", "
                    + p.place().city() + ", " + p.place().state() + " " + p.zip() + ". Prefers e-mail: " + p.email()
                    + ".";
            default -> "Pt's " + RELATIONS.get(random.nextInt(RELATIONS.size())) + " " + relativeFirstName + " "
                    + p.lastName() + " called from " + p.phone() + " about " + p.firstName() + "'s " + standing.wording()
                    + "; HIPAA release on file. Pt DOB " + dob(random, p) + ".";
        });
        if (random.nextInt(100) < 30) {
            note.append(random.nextBoolean()
                    ? " SSN " + p.ssn() + " confirmed for billing."
                    : " Registration corrected SSN to " + p.ssn() + ".");
        }
        if (random.nextInt(100) < 40) {
            note.append(random.nextBoolean()
                    ? " Chart " + p.mrn() + "."
                    : " See " + p.mrn() + " for prior imaging.");
        }
        if (random.nextInt(100) < 15) {
            note.append(" Ins: ").append(p.insurance().payer()).append(" member ID ")
                    .append(p.insurance().memberId()).append('.');
        }
        return note.toString();
    }

    /** The note a clinician writes for one visit. */
    static String visitNote(RandomGenerator random, Facts p, Provider provider, Condition condition) {
        StringBuilder note = new StringBuilder()
                .append("Dr. ").append(provider.lastName()).append(" saw ").append(p.firstName()).append(' ')
                .append(p.lastName()).append(" (DOB ").append(dob(random, p)).append(") for ")
                .append(condition.reason().toLowerCase(Locale.ROOT)).append(". Assessment: ")
                .append(condition.wording()).append(" (").append(condition.icd10()).append("). Plan: ")
                .append(condition.plan()).append('.');
        if (random.nextInt(100) < 25) {
            note.append(" Pt asks for a call at ").append(p.phone()).append('.');
        }
        if (random.nextInt(100) < 10) {
            note.append(" MRN ").append(p.mrn()).append('.');
        }
        if (random.nextInt(100) < 5) {
            note.append(" Prior auth form lists SSN ").append(p.ssn()).append('.');
        }
        if (random.nextInt(100) < 30) {
            note.append(" Return in ").append(random.nextInt(2, 13)).append(" weeks.");
        }
        return note.toString();
    }

    /** Dates of birth as people write them: mostly 03/14/1962, sometimes ISO or spelled out. */
    private static String dob(RandomGenerator random, Facts p) {
        int style = random.nextInt(10);
        if (style < 7) {
            return US_DATE.format(p.dateOfBirth());
        }
        return style < 9 ? p.dateOfBirth().toString() : LONG_DATE.format(p.dateOfBirth());
    }

    private static int age(Facts p, LocalDate asOf) {
        return Period.between(p.dateOfBirth(), asOf).getYears();
    }
}
