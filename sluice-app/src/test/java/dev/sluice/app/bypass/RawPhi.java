package dev.sluice.app.bypass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The synthetic PHI the bypass suite seeds, and the search for it in whatever a client received.
 *
 * <p>Every value is distinctive enough to be searched for verbatim and in no masked form (stand-in names, tokens,
 * {@code ***-**-3968}, the year, the ZIP3) can it reappear. Output is searched twice: as received, and lower-cased
 * with everything but letters and digits removed, so that a value taken apart ({@code regexp_replace(ssn, '(.)',
 * '\1 ', 'g')}, one character per row) and put back together by the reader is found as well.
 */
final class RawPhi {

    /** Patient 1: the SSNs are valid (area, group and serial all in range), the names are in the detectors' lists. */
    static final String SSN_1 = "512-74-3968";
    static final String SSN_2 = "287-65-4301";
    static final String FIRST_1 = "Zebulon";
    static final String LAST_1 = "Quaintance";
    static final String FIRST_2 = "Philippa";
    static final String LAST_2 = "Dunmoreland";
    /** Protected only by the configuration's own rule ({@code clinical.intake.remark}): no detector knows it. */
    static final String CLINICAL_REMARK = "KAPPA-7781-ORCHID";

    /** The rows of {@code patients}, as SQL values in column order (see {@link ClinicFixture#PATIENTS_DDL}). */
    static final String PATIENT_ROWS = """
            (1, 'MRN-00731942', '512-74-3968', 'Zebulon', 'Quaintance', date '1958-03-17',
             'zebulon.quaintance@examplemail.org', '(415) 555-0187', '4821 Wexford Hollow Rd, Apt 12', '94117',
             'Pt Zebulon Quaintance (SSN 512-74-3968) called from (415) 555-0187 about his refill; lives at 4821 Wexford Hollow Rd.',
             '{"member_id": "XQH448812907", "plan": "gold"}', 'E11.9 type 2 diabetes'),
            (2, 'MRN-00482215', '287-65-4301', 'Philippa', 'Dunmoreland', date '1974-11-02',
             'p.dunmoreland@clinic-mail.net', '(212) 555-0162', '77 Larkspur Terrace', '60657',
             'Spoke with Philippa Dunmoreland re: MRN-00482215, DOB 11/02/1974, email p.dunmoreland@clinic-mail.net.',
             '{"member_id": "WPL902233118", "plan": "silver"}', 'I10 essential hypertension')
            """;

    /** Searched for as received. */
    static final List<String> VERBATIM = List.of(
            SSN_1, SSN_2, FIRST_1, LAST_1, FIRST_2, LAST_2,
            "1958-03-17", "1974-11-02", "11/02/1974", "03/17/1958",
            "examplemail.org", "clinic-mail.net",
            "555-0187", "555-0162",
            "Wexford", "Larkspur",
            "94117", "60657",
            "MRN-00731942", "MRN-00482215",
            "XQH448812907", "WPL902233118",
            CLINICAL_REMARK,
            // SSN 1 run through an encoding function: as good as raw to anyone who reads it
            "3531322d37342d33393638", "NTEyLTc0LTM5Njg", "8693-47-215", "fbc-he-djgi");

    /** Searched for in the output lower-cased and stripped to letters and digits. */
    static final List<String> NORMALISED = List.of(
            "512743968", "287654301", "zebulon", "quaintance", "philippa", "dunmoreland",
            "19580317", "19741102", "4155550187", "2125550162", "00731942", "00482215",
            "xqh448812907", "wpl902233118", "wexford", "larkspur", "kappa7781orchid");

    private RawPhi() {
    }

    /** The raw values found in {@code received}; empty when it holds none. */
    static List<String> leaks(String received) {
        List<String> found = new ArrayList<>();
        if (received == null || received.isEmpty()) {
            return found;
        }
        for (String value : VERBATIM) {
            if (received.contains(value)) {
                found.add(value);
            }
        }
        String normalised = normalise(received);
        for (String value : NORMALISED) {
            if (normalised.contains(value) && found.stream().noneMatch(f -> normalise(f).contains(value))) {
                found.add(value + " (reassembled)");
            }
        }
        return found;
    }

    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
