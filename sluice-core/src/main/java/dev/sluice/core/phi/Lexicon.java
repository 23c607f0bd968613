package dev.sluice.core.phi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word → flags, looked up case-insensitively straight from the scanned text (no String per lookup): is the word a
 * given name, a surname, an ordinary English word, a title, a street suffix… One lookup answers every question the
 * name and address detectors ask about a word.
 *
 * <p>{@link #standard()} holds the word lists shipped as resources (see {@code README.md} beside them), read once on
 * first use. Only ASCII words are stored; a word with other characters is simply not found.
 */
final class Lexicon {

    static final int FIRST = 1;
    static final int LAST = 1 << 1;
    /** An ordinary lower-case English word ("patient", "brown", "will"). */
    static final int COMMON = 1 << 2;
    /** A capitalised English word of the word list: a place, a brand, an eponym, some names. */
    static final int PROPER = 1 << 3;
    /** Mr, Mrs, Ms, Dr…: the words after it are a name. */
    static final int TITLE = 1 << 4;
    /** patient, wife, name, attending…: a name may follow. */
    static final int NAME_CUE = 1 << 5;
    /** Street, St, Avenue, Ave, Road… */
    static final int STREET_SUFFIX = 1 << 6;
    /** Apt, Suite, Unit, Floor… */
    static final int UNIT = 1 << 7;
    /** N, S, NE, North… */
    static final int DIRECTIONAL = 1 << 8;
    /** Hospital, Clinic, Center, Syndrome…: a capitalised word before it names a place or a thing, not a person. */
    static final int ORG = 1 << 9;
    /** van, de, von, del…: lower-case words inside a name. */
    static final int PARTICLE = 1 << 10;
    /** Jr, Sr, II, III… */
    static final int NAME_SUFFIX = 1 << 11;
    /** Month names and their abbreviations, weekdays, and other capitalised words that are never names. */
    static final int NOT_NAME = 1 << 12;
    /** A street suffix written out ("Street", "Avenue"), which is how it appears in lower-case text. */
    static final int FULL_SUFFIX = 1 << 13;

    private static final String[] TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev"};
    private static final String[] NAME_CUES = {"patient", "pt", "name", "names", "named", "contact", "wife",
        "husband", "son", "daughter", "mother", "father", "mom", "dad", "brother", "sister", "spouse", "partner",
        "guardian", "caregiver", "friend", "attending", "physician", "provider", "pcp", "surgeon", "nurse", "rn",
        "np", "resident", "doctor", "signed", "dear", "grandson", "granddaughter", "grandmother", "grandfather",
        "aunt", "uncle", "niece", "nephew", "cousin", "fiance", "fiancee", "neighbor", "roommate", "boyfriend",
        "girlfriend", "surname", "firstname", "lastname", "fullname", "member", "subscriber", "insured",
        "guarantor", "kin", "referring", "ordering", "consultant", "therapist", "pharmacist", "clinician",
        "author", "witness", "interpreter", "pts", "patients", "mister", "madam"};
    private static final String[] STREET_SUFFIXES = {"st", "street", "ave", "avenue", "av", "rd", "road", "blvd",
        "boulevard", "ln", "lane", "dr", "drive", "ct", "court", "way", "pl", "place", "ter", "terrace", "cir",
        "circle", "pkwy", "parkway", "hwy", "highway", "sq", "square", "trl", "trail", "pike", "row", "aly",
        "alley", "loop", "run", "xing", "crossing", "path", "walk", "plz", "plaza", "cres", "crescent", "expy",
        "expressway", "fwy", "freeway", "tpke", "turnpike", "bend", "cv", "cove", "pt", "point", "hts", "heights",
        "commons", "green", "ridge", "view", "vw", "rdg", "crk", "creek", "holw", "hollow", "mdw", "meadow",
        "meadows", "pass", "park", "est", "estates", "landing", "ldg", "glen", "grove", "gr", "oval", "byp",
        "bypass"};
    private static final String[] FULL_SUFFIXES = {"street", "avenue", "road", "boulevard", "lane", "drive",
        "court", "place", "terrace", "circle", "parkway", "highway", "square", "trail", "pike", "alley",
        "crossing", "plaza", "crescent", "expressway", "freeway", "turnpike", "cove", "heights"};
    private static final String[] UNITS = {"apt", "apartment", "unit", "suite", "ste", "fl", "floor", "rm", "room",
        "bldg", "building", "dept", "lot", "spc", "space", "trlr"};
    private static final String[] DIRECTIONALS = {"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south",
        "east", "west", "northeast", "northwest", "southeast", "southwest"};
    private static final String[] ORGS = {"hospital", "clinic", "center", "centre", "medical", "health",
        "healthcare", "university", "college", "school", "institute", "foundation", "pharmacy", "laboratory",
        "labs", "lab", "associates", "group", "inc", "llc", "corp", "company", "county", "city", "state", "memorial",
        "general", "regional", "community", "children", "childrens", "syndrome", "disease", "disorder", "palsy",
        "sign", "test", "scale", "score", "criteria", "classification", "maneuver", "procedure", "operation",
        "catheter", "tube", "unit", "ward", "wing", "department", "service", "services", "system", "systems",
        "insurance", "plan", "care", "network", "partners", "practice", "office", "street", "avenue", "road",
        "boulevard", "lane", "drive", "court", "park", "river", "lake", "mountain", "valley", "bay", "beach",
        "island", "county", "township", "village", "heights", "springs", "falls", "church", "bank", "hall",
        "house", "home", "nursing", "rehab", "rehabilitation", "hospice", "trust", "fund", "association",
        "society", "club", "team", "army", "navy", "airport", "station", "library", "museum", "market", "mall"};
    private static final String[] PARTICLES = {"van", "von", "de", "del", "della", "da", "di", "du", "la", "le",
        "der", "den", "dos", "das", "bin", "ibn", "al", "el", "ter", "ten"};
    private static final String[] NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"};
    private static final String[] NOT_NAMES = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "tomorrow",
        "yesterday", "tonight", "am", "pm", "est", "pst", "cst", "mst", "utc", "gmt", "usa", "us", "er", "ed", "icu",
        "or", "pacu", "ems", "covid", "hiv", "bp", "hr", "rr", "spo", "temp", "wbc", "hgb", "plt", "bmp", "cbc",
        "ekg", "ecg", "ct", "mri", "cxr", "xr", "hpi", "ros", "pmh", "psh", "nkda", "prn", "bid", "tid", "qid",
        "qd", "po", "iv", "im", "sq", "mg", "ml", "kg", "lb", "lbs", "cm", "mm", "hx", "dx", "rx", "tx", "sx", "fx",
        "medicare", "medicaid", "tricare", "aetna", "cigna", "humana", "anthem", "kaiser", "blue", "cross",
        "shield", "united", "healthcare", "god", "lord", "christmas", "easter", "thanksgiving", "english",
        "spanish", "american", "african", "asian", "hispanic", "latino", "caucasian", "white", "black",
        "negative", "positive", "normal", "abnormal", "none", "denies", "reports", "states", "plan",
        "assessment", "impression", "history", "exam", "examination", "vitals", "labs", "medications",
        "allergies", "follow", "return", "continue", "start", "stop", "discharge", "admission", "admit",
        "subjective", "objective", "chief", "complaint", "review", "systems", "social", "family", "past",
        "surgical", "physical", "general", "heent", "neck", "cardiac", "lungs", "abdomen", "extremities",
        "neuro", "skin", "psych", "note", "notes", "signed", "electronically", "dictated", "transcribed", "new",
        "saint", "san", "santa", "los", "las", "fort", "mount", "port", "lake", "upper", "lower", "greater",
        "central", "northern", "southern", "eastern", "western", "england", "jersey", "hampshire",
        "mexico", "dakota", "island", "coast", "valley", "county"};

    private static volatile Lexicon standard;

    static List<String> streetSuffixes() {
        return List.of(STREET_SUFFIXES);
    }

    private byte[] pool = new byte[1 << 16];
    private int poolSize;
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int[] values = new int[1024];
    private int size;
    /** Open addressing: high 32 bits the word's hash, low 32 bits entry + 1; 0 = empty slot. */
    private long[] table = new long[1 << 11];

    private Lexicon() {
    }

    /** The lists shipped with Sluice, read on first use. */
    static Lexicon standard() {
        Lexicon lexicon = standard;
        if (lexicon == null) {
            synchronized (Lexicon.class) {
                lexicon = standard;
                if (lexicon == null) {
                    lexicon = load();
                    standard = lexicon;
                }
            }
        }
        return lexicon;
    }

    private static Lexicon load() {
        Lexicon lexicon = new Lexicon();
        lexicon.addResource("first-names.txt", FIRST);
        lexicon.addResource("last-names.txt", LAST);
        lexicon.addResource("common-words.txt", COMMON);
        lexicon.addResource("proper-nouns.txt", PROPER);
        lexicon.addAll(TITLES, TITLE);
        lexicon.addAll(NAME_CUES, NAME_CUE);
        lexicon.addAll(STREET_SUFFIXES, STREET_SUFFIX);
        lexicon.addAll(FULL_SUFFIXES, FULL_SUFFIX);
        lexicon.addAll(UNITS, UNIT);
        lexicon.addAll(DIRECTIONALS, DIRECTIONAL);
        lexicon.addAll(ORGS, ORG);
        lexicon.addAll(PARTICLES, PARTICLE);
        lexicon.addAll(NAME_SUFFIXES, NAME_SUFFIX);
        lexicon.addAll(NOT_NAMES, NOT_NAME);
        return lexicon;
    }

    private void addResource(String name, int flag) {
        InputStream in = Lexicon.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource dev/sluice/core/phi/" + name);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip();
                if (!word.isEmpty() && word.charAt(0) != '#') {
                    add(word, flag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource dev/sluice/core/phi/" + name, e);
        }
    }

    private void addAll(String[] words, int flag) {
        for (String word : words) {
            add(word, flag);
        }
    }

    /** For tests and for small purpose-built lexicons. */
    static Lexicon of(String[] words, int flag) {
        Lexicon lexicon = new Lexicon();
        lexicon.addAll(words, flag);
        return lexicon;
    }

    void add(String word, int flag) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 128) {
                return;
            }
        }
        int existing = find(lower, 0, lower.length());
        if (existing >= 0) {
            values[existing] |= flag;
            return;
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        while (poolSize + lower.length() > pool.length) {
            pool = Arrays.copyOf(pool, pool.length * 2);
        }
        for (int i = 0; i < lower.length(); i++) {
            pool[poolSize + i] = (byte) lower.charAt(i);
        }
        offsets[size] = poolSize;
        lengths[size] = lower.length();
        values[size] = flag;
        poolSize += lower.length();
        size++;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(size - 1);
        }
    }

    private void rehash(int capacity) {
        table = new long[capacity];
        for (int e = 0; e < size; e++) {
            insert(e);
        }
    }

    private void insert(int entry) {
        int mask = table.length - 1;
        int hash = hashPool(offsets[entry], lengths[entry]);
        int slot = hash & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = (long) hash << 32 | (entry + 1);
    }

    private int hashPool(int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = 0; i < length; i++) {
            h = (h ^ pool[offset + i]) * 0x01000193;
        }
        return mix(h);
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    /** The flags of the word {@code text[start, end)}, ignoring case and apostrophes; 0 if it is not listed. */
    int flags(CharSequence text, int start, int end) {
        int e = find(text, start, end);
        return e < 0 ? 0 : values[e];
    }

    private int find(CharSequence text, int start, int end) {
        if (end - start > 40 || end <= start) {
            return -1;
        }
        int h = 0x811c9dc5;
        int length = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\u2019') {
                continue;
            }
            if (c >= 128) {
                return -1;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            h = (h ^ (byte) c) * 0x01000193;
            length++;
        }
        int mask = table.length - 1;
        int hash = mix(h);
        int slot = hash & mask;
        while (true) {
            long cell = table[slot];
            if (cell == 0) {
                return -1;
            }
            if ((int) (cell >>> 32) == hash) {
                int entry = (int) cell - 1;
                if (lengths[entry] == length && equalsPool(entry, text, start, end)) {
                    return entry;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean equalsPool(int entry, CharSequence text, int start, int end) {
        int p = offsets[entry];
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\u2019') {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (pool[p++] != (byte) c) {
                return false;
            }
        }
        return true;
    }
}
