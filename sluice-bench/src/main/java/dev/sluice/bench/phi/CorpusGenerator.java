package dev.sluice.bench.phi;

import dev.sluice.core.phi.PhiType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic corpus with ground truth: clinical notes (free text: PHI sentences among PHI-free clinical
 * sentences full of numbers, capitalised terms, eponyms and institutions), structured records (key=value lines,
 * "Label: value" lines, a CSV header with a row), and JSON documents. The same seed gives the same corpus.
 */
public final class CorpusGenerator {

    private static final String[] CONDITIONS = {"type 2 diabetes mellitus", "hypertension", "COPD",
        "congestive heart failure", "atrial fibrillation", "chronic kidney disease stage 3", "Parkinson's disease",
        "Crohn's disease", "major depressive disorder", "osteoarthritis of the knee", "Hodgkin lymphoma",
        "Graves disease", "Alzheimer's dementia", "Bell's palsy", "asthma", "hyperlipidemia", "Down syndrome",
        "Cushing syndrome", "gout", "migraine"};
    private static final String[] COMPLAINTS = {"chest pain", "shortness of breath", "abdominal pain", "fever",
        "headache", "dizziness", "a fall at home", "back pain", "palpitations", "cough"};
    private static final String[] FILLER = {
        "BP 132/84, HR 76, RR 16, SpO2 98% on RA, Temp 98.6 F.",
        "Na 138, K 4.1, Cr 1.02, BUN 18, glucose 142, A1c 7.2%.",
        "Metformin 500 mg PO BID, Lisinopril 10 mg daily, Atorvastatin 40 mg at bedtime.",
        "Follow up in 3 months or sooner if symptoms worsen.",
        "Chief Complaint: chest pain radiating to the left arm for 2 days.",
        "Assessment and Plan: continue current regimen, recheck labs in 6 weeks.",
        "Review of Systems: negative except as noted in the HPI.",
        "ICD-10 E11.9, I10; CPT 99214.",
        "Patient was transferred to Room 412B on the 4th floor.",
        "Order #44821 placed for CBC and BMP.",
        "Lot number 3345-A, expiration 2027.",
        "Call back in 2-3 days with blood sugar readings.",
        "Ejection fraction 55-60% on echo; grade 2/6 systolic murmur.",
        "Reference range 3.5-5.0 mmol/L.",
        "Referred to Massachusetts General Hospital for further evaluation.",
        "Previously treated at Boston Medical Center and the Mayo Clinic.",
        "Seen in the Johns Hopkins Hospital emergency department last year.",
        "Covered by Medicare Part B; prior authorization obtained.",
        "Takes Tylenol 650 mg every 6 hours as needed for pain.",
        "Foley catheter removed; voiding without difficulty.",
        "Glasgow Coma Scale 15, alert and oriented x3.",
        "Physical Exam: lungs clear to auscultation bilaterally.",
        "Patient Education: discussed diet, exercise and medication adherence.",
        "Discharge Instructions given; patient verbalized understanding.",
        "Wound care per Wound Care Clinic protocol, dressing changed daily.",
        "PHQ-9 score 12, GAD-7 score 8.",
        "Weight 82.5 kg, height 175 cm, BMI 26.9.",
        "X-ray of the right wrist shows no acute fracture.",
        "Influenza vaccine given in the left deltoid, 0.5 mL IM.",
        "Plan discussed with the Cardiology team, who agree with the plan.",
        "Morning labs at 06:30; repeat troponin at 09:30.",
        "Using version 2.4.1 of the Epic template.",
        "Blood Pressure Clinic visit in 4 weeks.",
        "Physical Therapy 2 times per week for 6 weeks.",
        "Hemoglobin 13.2 g/dL, platelets 245 K/uL, WBC 7.8.",
        "No known drug allergies. Former smoker, quit in 2010.",
        "Social History: lives with spouse, retired teacher, walks daily.",
        "Family History: father with MI at 62, mother with breast cancer.",
        "Pain 4/10, improved from 7/10 yesterday.",
        "Dose reduced by 25% given eGFR of 48.",
        "The New England Journal of Medicine guidelines were reviewed.",
        "Sodium Chloride 0.9% at 75 mL/hr.",
        "Saint Joseph Medical Center records requested.",
        "Marked improvement over the last 48 hours.",
        "Dr. on call was notified at 2200.",
    };
    private static final String[] RELATIONS = {"daughter", "son", "wife", "husband", "sister", "brother", "mother",
        "caregiver", "friend", "spouse"};
    private static final String[] PAYERS = {"Aetna", "Cigna", "Humana", "Blue Cross", "UnitedHealthcare", "Kaiser"};

    private final SyntheticValues v;

    public CorpusGenerator(long seed) {
        this.v = new SyntheticValues(new Random(seed));
    }

    /** {@code notes} notes, {@code records} record documents and {@code json} JSON documents, shuffled in order. */
    public List<Doc> generate(int notes, int records, int json) {
        List<Doc> docs = new ArrayList<>(notes + records + json);
        for (int i = 0; i < notes; i++) {
            docs.add(note());
        }
        for (int i = 0; i < records; i++) {
            docs.add(record());
        }
        for (int i = 0; i < json; i++) {
            docs.add(json());
        }
        return docs;
    }

    // ---------------------------------------------------------------- notes

    private Doc note() {
        Doc.Builder b = new Doc.Builder("note");
        SyntheticValues.Person patient = v.person();
        int sentences = 6 + v.nextInt(6);
        opening(b, patient);
        for (int i = 0; i < sentences; i++) {
            b.text(" ");
            if (v.chance(0.45)) {
                b.text(v.pick(FILLER));
            } else {
                phiSentence(b, patient);
            }
        }
        return b.build();
    }

    private void name(Doc.Builder b, SyntheticValues.Person p, String cue, boolean full) {
        b.phi(PhiType.NAME, p.variant() + "/" + cue, full ? p.full() : p.last());
    }

    private void opening(Doc.Builder b, SyntheticValues.Person p) {
        switch (v.nextInt(5)) {
            case 0 -> {
                b.text("Patient ");
                name(b, p, "cue", true);
                b.text(" is a ");
                age(b, true);
                b.text(" with a history of " + v.pick(CONDITIONS) + ".");
            }
            case 1 -> {
                name(b, p, "nocue", true);
                b.text(" is a ");
                age(b, false);
                b.text(" presenting with " + v.pick(COMPLAINTS) + ".");
            }
            case 2 -> {
                b.text(v.chance(0.5) ? "Mr. " : "Ms. ");
                name(b, p, "title", false);
                b.text(" presented to the ED on ");
                date(b, false);
                b.text(" with " + v.pick(COMPLAINTS) + ".");
            }
            case 3 -> {
                b.text("Name: ");
                name(b, p, "cue", true);
                b.text("\nDOB: ");
                date(b, true);
                b.text("\nMRN: ");
                b.phi(PhiType.MRN, "cue", v.mrn());
                b.text("\n");
            }
            default -> {
                b.text("HPI: ");
                name(b, p, "nocue", true);
                b.text(", ");
                age(b, false);
                b.text(", was seen today for follow-up of " + v.pick(CONDITIONS) + ".");
            }
        }
    }

    /** "94-year-old woman" (PHI when over 89) or "67-year-old man" (not PHI). */
    private void age(Doc.Builder b, boolean sex) {
        boolean old = v.chance(0.4);
        int age = old ? 90 + v.nextInt(16) : 18 + v.nextInt(70);
        String noun = sex ? (v.chance(0.5) ? " woman" : " man") : "";
        switch (v.nextInt(4)) {
            case 0 -> { value(b, old, PhiType.AGE, "year-old", age); b.text("-year-old" + noun); }
            case 1 -> { value(b, old, PhiType.AGE, "y/o", age); b.text(" y/o" + noun); }
            case 2 -> { value(b, old, PhiType.AGE, "yo", age); b.text(" yo" + noun); }
            default -> { value(b, old, PhiType.AGE, "years-old", age); b.text(" years old" + noun); }
        }
    }

    private static void value(Doc.Builder b, boolean phi, PhiType type, String variant, int value) {
        if (phi) {
            b.phi(type, variant, String.valueOf(value));
        } else {
            b.text(String.valueOf(value));
        }
    }

    private void date(Doc.Builder b, boolean birth) {
        String[] d = v.date();
        b.phi(PhiType.DATE, (birth ? "dob/" : "") + d[1], d[0]);
    }

    private void phiSentence(Doc.Builder b, SyntheticValues.Person patient) {
        switch (v.nextInt(26)) {
            case 0 -> { b.text("Patient was seen by Dr. "); name(b, v.person(), "title", true); b.text(" today."); }
            case 1 -> { b.text("DOB "); date(b, true); b.text("."); }
            case 2 -> { b.text("Admitted on "); date(b, false); b.text(" and discharged on "); date(b, false);
                b.text("."); }
            case 3 -> { b.text(v.pick(new String[] {"MRN: ", "MRN ", "Medical record number ", "MR# "}));
                b.phi(PhiType.MRN, "cue", v.mrn()); b.text("."); }
            case 4 -> { SyntheticValues.Person c = v.person(); b.text("Her " + v.pick(RELATIONS) + " ");
                b.phi(PhiType.NAME, c.variant() + "/cue", c.first()); b.text(" can be reached at ");
                b.phi(PhiType.PHONE, "reach", v.phone()); b.text("."); }
            case 5 -> { b.text(v.pick(new String[] {"Fax records to ", "Fax: ", "Please fax to "}));
                b.phi(PhiType.FAX, "cue", v.phone()); b.text("."); }
            case 6 -> { b.text("Lives at "); address(b); b.text("."); }
            case 7 -> { b.text("Email: "); b.phi(PhiType.EMAIL, "cue", v.email(patient)); b.text(". Portal: ");
                b.phi(PhiType.URL, "cue", v.url(patient)); }
            case 8 -> { boolean dashed = v.chance(0.6);
                b.text(dashed ? "SSN " : v.pick(new String[] {"Social security number: ", "SSN: "}));
                b.phi(PhiType.SSN, dashed ? "dashed" : "plain", v.ssn(dashed)); b.text("."); }
            case 9 -> { b.text("Insurance: " + v.pick(PAYERS) + ", member ID ");
                b.phi(PhiType.HEALTH_PLAN_ID, "member", v.planId()); b.text("."); }
            case 10 -> { b.text("Medicare MBI "); b.phi(PhiType.HEALTH_PLAN_ID, "mbi", v.mbi(v.chance(0.5)));
                b.text(" on file."); }
            case 11 -> { b.text("Prescriber NPI "); b.phi(PhiType.NPI, "cue", v.npi()); b.text(", DEA ");
                b.phi(PhiType.DEA, "cue", v.dea()); b.text("."); }
            case 12 -> { b.text("Copay paid with card "); b.phi(PhiType.CREDIT_CARD, "card", v.creditCard());
                b.text("."); }
            case 13 -> { b.text("Refund to IBAN "); b.phi(PhiType.IBAN, "iban", v.iban(v.chance(0.5)));
                b.text("."); }
            case 14 -> { b.text("Vehicle involved in the MVA: VIN "); b.phi(PhiType.VIN, "cue", v.vin());
                b.text("."); }
            case 15 -> { b.text("Home monitor at IP "); b.phi(PhiType.IP_ADDRESS, "v4", v.ipv4());
                b.text(", MAC "); b.phi(PhiType.MAC_ADDRESS, "mac", v.mac()); b.text("."); }
            case 16 -> { b.text("Remote access from "); b.phi(PhiType.IP_ADDRESS, "v6", v.ipv6()); b.text("."); }
            case 17 -> { b.text("Patient's ZIP code is "); b.phi(PhiType.ZIP, "cue", v.zip()); b.text("."); }
            case 18 -> { SyntheticValues.Person c = v.person(); name(b, c, "nocue", true);
                b.text(v.pick(new String[] {" called to reschedule the appointment.", " will drive her home.",
                    " reports that the patient fell twice this week."})); }
            case 19 -> { b.text("Spoke with "); name(b, v.person(), "nocue", true);
                b.text(" about the results."); }
            case 20 -> { b.text(v.pick(new String[] {"She is ", "He is ", "Patient is "}));
                int age = 90 + v.nextInt(16); b.phi(PhiType.AGE, "years-old", String.valueOf(age));
                b.text(" years old and lives independently."); }
            case 21 -> { b.text("Age "); b.phi(PhiType.AGE, "age-cue", String.valueOf(90 + v.nextInt(16)));
                b.text(", " + v.pick(CONDITIONS) + "."); }
            case 22 -> { b.text("Contact: "); SyntheticValues.Person c = v.person(); name(b, c, "cue", true);
                b.text(" (" + v.pick(RELATIONS) + "), phone "); b.phi(PhiType.PHONE, "cue", v.phone());
                b.text("."); }
            case 23 -> { b.text("Resides in "); b.phi(PhiType.ADDRESS, "city-cue", v.city()); b.text(" with "
                    + v.pick(RELATIONS) + "."); }
            case 24 -> { b.text("Last visit "); date(b, false); b.text("; next visit "); date(b, false);
                b.text("."); }
            default -> { b.text("Mrs. "); name(b, v.person(), "title", true);
                b.text(" accompanied the patient."); }
        }
    }

    private void address(Doc.Builder b) {
        String street = v.street();
        String line = v.city() + ", " + v.state() + " " + v.zip();
        switch (v.nextInt(3)) {
            case 0 -> b.phi(PhiType.ADDRESS, "full", street + ", " + line);
            case 1 -> b.phi(PhiType.ADDRESS, "street", street);
            default -> b.phi(PhiType.ADDRESS, "full-newline", street + "\n" + line);
        }
    }

    // ---------------------------------------------------------------- records

    private Doc record() {
        Doc.Builder b = new Doc.Builder("record");
        SyntheticValues.Person p = v.person();
        switch (v.nextInt(3)) {
            case 0 -> {
                b.text("name=");
                b.phi(PhiType.NAME, p.variant() + "/key", p.full());
                b.text("|dob=");
                b.phi(PhiType.DATE, "dob/iso", String.format("%04d-%02d-%02d", 1930 + v.nextInt(90),
                        1 + v.nextInt(12), 1 + v.nextInt(28)));
                b.text("|ssn=");
                b.phi(PhiType.SSN, "dashed", v.ssn(true));
                b.text("|mrn=");
                b.phi(PhiType.MRN, "key", v.mrn());
                b.text("|phone=");
                b.phi(PhiType.PHONE, "key", v.phone());
                b.text("|zip=");
                b.phi(PhiType.ZIP, "key", v.zip());
                b.text("|npi=");
                b.phi(PhiType.NPI, "key", v.npi());
                b.text("\n");
            }
            case 1 -> {
                b.text("Patient: ");
                b.phi(PhiType.NAME, p.variant() + "/key", p.full());
                b.text("; DOB: ");
                date(b, true);
                b.text("; Member ID: ");
                b.phi(PhiType.HEALTH_PLAN_ID, "member", v.planId());
                b.text("; Email: ");
                b.phi(PhiType.EMAIL, "key", v.email(p));
                b.text("; Address: ");
                address(b);
                b.text("; Fax: ");
                b.phi(PhiType.FAX, "key", v.phone());
                b.text("; DEA: ");
                b.phi(PhiType.DEA, "key", v.dea());
                b.text("\n");
            }
            default -> {
                b.text("patient_name,birth_date,ssn,phone,email,card,vin,ip,mac\n");
                b.phi(PhiType.NAME, p.variant() + "/csv", p.full());
                b.text(",");
                b.phi(PhiType.DATE, "iso", String.format("%04d-%02d-%02d", 1930 + v.nextInt(90), 1 + v.nextInt(12),
                        1 + v.nextInt(28)));
                b.text(",");
                b.phi(PhiType.SSN, "dashed", v.ssn(true));
                b.text(",");
                b.phi(PhiType.PHONE, "csv", v.phone());
                b.text(",");
                b.phi(PhiType.EMAIL, "csv", v.email(p));
                b.text(",");
                b.phi(PhiType.CREDIT_CARD, "csv", v.creditCard().replace(' ', '-'));
                b.text(",");
                b.phi(PhiType.VIN, "csv", v.vin());
                b.text(",");
                b.phi(PhiType.IP_ADDRESS, "v4", v.ipv4());
                b.text(",");
                b.phi(PhiType.MAC_ADDRESS, "csv", v.mac());
                b.text("\n");
            }
        }
        return b.build();
    }

    // ---------------------------------------------------------------- json

    private Doc json() {
        Doc.Builder b = new Doc.Builder("json");
        SyntheticValues.Person p = v.person();
        b.text("{\"patient\": {\"name\": \"");
        b.phi(PhiType.NAME, p.variant() + "/key", p.full());
        b.text("\", \"dateOfBirth\": \"");
        b.phi(PhiType.DATE, "dob/iso", String.format("%04d-%02d-%02d", 1930 + v.nextInt(90), 1 + v.nextInt(12),
                1 + v.nextInt(28)));
        b.text("\", \"mrn\": \"");
        b.phi(PhiType.MRN, "key", v.mrn());
        b.text("\"");
        if (v.chance(0.7)) {
            b.text(", \"address\": {\"street\": \"");
            b.phi(PhiType.ADDRESS, "street", v.street());
            b.text("\", \"city\": \"");
            b.phi(PhiType.ADDRESS, "city-key", v.city());
            b.text("\", \"state\": \"" + v.state() + "\", \"zip\": \"");
            b.phi(PhiType.ZIP, "key", v.zip());
            b.text("\"}");
        }
        if (v.chance(0.7)) {
            b.text(", \"phone\": \"");
            b.phi(PhiType.PHONE, "key", v.phone());
            b.text("\", \"email\": \"");
            b.phi(PhiType.EMAIL, "key", v.email(p));
            b.text("\"");
        }
        if (v.chance(0.5)) {
            b.text(", \"insurance\": {\"payer\": \"" + v.pick(PAYERS) + "\", \"memberId\": \"");
            b.phi(PhiType.HEALTH_PLAN_ID, "member", v.planId());
            b.text("\"}");
        }
        if (v.chance(0.5)) {
            b.text(", \"ssn\": \"");
            b.phi(PhiType.SSN, "dashed", v.ssn(true));
            b.text("\"");
        }
        b.text(", \"notes\": \"");
        if (v.chance(0.5)) {
            b.text("Seen by Dr. ");
            name(b, v.person(), "title", true);
            b.text(" on ");
            date(b, false);
            b.text(". ");
        }
        b.text(v.pick(FILLER).replace("\"", "'"));
        b.text("\"}");
        if (v.chance(0.5)) {
            b.text(", \"provider\": {\"name\": \"");
            name(b, v.person(), "key", true);
            b.text("\", \"npi\": \"");
            b.phi(PhiType.NPI, "key", v.npi());
            b.text("\", \"dea\": \"");
            b.phi(PhiType.DEA, "key", v.dea());
            b.text("\"}");
        }
        if (v.chance(0.3)) {
            b.text(", \"device\": {\"ip\": \"");
            b.phi(PhiType.IP_ADDRESS, v.chance(0.5) ? "v4" : "v6", v.chance(0.5) ? v.ipv4() : v.ipv6());
            b.text("\", \"mac\": \"");
            b.phi(PhiType.MAC_ADDRESS, "key", v.mac());
            b.text("\", \"portal\": \"");
            b.phi(PhiType.URL, "key", v.url(p));
            b.text("\"}");
        }
        if (v.chance(0.3)) {
            b.text(", \"payment\": {\"card\": \"");
            b.phi(PhiType.CREDIT_CARD, "key", v.creditCard());
            b.text("\", \"iban\": \"");
            b.phi(PhiType.IBAN, "key", v.iban(v.chance(0.3)));
            b.text("\"}");
        }
        if (v.chance(0.2)) {
            b.text(", \"vehicle\": {\"vin\": \"");
            b.phi(PhiType.VIN, "key", v.vin());
            b.text("\"}");
        }
        b.text("}");
        return b.build();
    }
}
