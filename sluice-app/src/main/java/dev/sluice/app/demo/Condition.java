package dev.sluice.app.demo;

import java.util.List;

/**
 * Why a synthetic patient came in: the reason a scheduler would type, the ICD-10-CM code a coder would assign,
 * how a clinician words it in a note, and a plan that fits.
 */
record Condition(String reason, String icd10, String wording, String plan) {

    /** The conditions visits are drawn from (common primary-care diagnoses). */
    static final List<Condition> ALL = List.of(
            new Condition("Diabetes follow-up", "E11.9", "type 2 diabetes", "continue metformin 500 mg BID, A1c in 3 months"),
            new Condition("Blood pressure check", "I10", "essential hypertension", "continue lisinopril 10 mg daily, home BP log"),
            new Condition("Annual physical", "Z00.00", "routine adult exam", "age-appropriate screening ordered"),
            new Condition("Cough", "J20.9", "acute bronchitis", "supportive care, return if fever persists"),
            new Condition("Back pain", "M54.50", "low back pain", "PT referral, ibuprofen as needed"),
            new Condition("Mood follow-up", "F32.9", "major depressive disorder, single episode", "sertraline 50 mg daily, therapy referral"),
            new Condition("Cholesterol review", "E78.5", "hyperlipidemia", "atorvastatin 20 mg nightly, lipid panel in 6 weeks"),
            new Condition("Asthma follow-up", "J45.909", "asthma", "albuterol inhaler PRN, review inhaler technique"),
            new Condition("Urinary symptoms", "N39.0", "urinary tract infection", "nitrofurantoin 100 mg BID x 5 days"),
            new Condition("Headaches", "G43.909", "migraine", "sumatriptan 50 mg PRN, headache diary"),
            new Condition("Knee pain", "M17.9", "osteoarthritis of knee", "weight-bearing exercise, acetaminophen"),
            new Condition("Heartburn", "K21.9", "gastro-esophageal reflux disease", "omeprazole 20 mg daily for 8 weeks"),
            new Condition("Thyroid follow-up", "E03.9", "hypothyroidism", "levothyroxine 75 mcg daily, TSH in 6 weeks"),
            new Condition("Anxiety", "F41.9", "anxiety disorder", "CBT referral, reassess in 4 weeks"),
            new Condition("Seasonal allergies", "J30.9", "allergic rhinitis", "cetirizine 10 mg daily"),
            new Condition("Palpitations", "I48.91", "atrial fibrillation", "cardiology referral, apixaban started"),
            new Condition("Kidney function review", "N18.30", "chronic kidney disease, stage 3", "avoid NSAIDs, BMP in 3 months"),
            new Condition("Weight management", "E66.9", "obesity", "nutrition counseling, activity goals set"),
            new Condition("Fatigue", "E55.9", "vitamin D deficiency", "vitamin D3 2000 IU daily"),
            new Condition("Sinus pressure", "J01.90", "acute sinusitis", "saline irrigation, amoxicillin if worse after 10 days"),
            new Condition("Shortness of breath", "J44.9", "COPD", "tiotropium daily, pulmonary rehab referral"),
            new Condition("Prenatal visit", "Z34.90", "normal pregnancy", "prenatal vitamins, next visit in 4 weeks"),
            new Condition("Ankle injury", "S93.401A", "sprain of ankle", "RICE, ankle brace, recheck in 2 weeks"),
            new Condition("Trouble sleeping", "G47.00", "insomnia", "sleep hygiene counseling"),
            new Condition("Rash", "L30.9", "dermatitis", "hydrocortisone 1% cream BID"),
            new Condition("Ear pain", "H66.90", "otitis media", "amoxicillin 500 mg TID x 10 days"));
}
