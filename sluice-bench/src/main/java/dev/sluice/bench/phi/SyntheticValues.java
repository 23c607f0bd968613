package dev.sluice.bench.phi;

import java.util.List;
import java.util.Random;

/**
 * Synthetic PHI values, every one made here from the specifications (check digits computed by this class's own
 * code, not the detectors'): none of them belongs to a real person. Names come from this class's short lists of
 * common US names and, for a share, from a syllable generator that makes names no dictionary lists.
 */
final class SyntheticValues {

    static final List<String> FIRST = List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
            "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony",
            "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua",
            "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy",
            "Stephanie", "Ronald", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan",
            "Dorothy", "Jacob", "Amy", "Gary", "Kathleen", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan",
            "Brenda", "Stephen", "Emma", "Larry", "Anna", "Justin", "Pamela", "Scott", "Nicole", "Brandon",
            "Samantha", "Benjamin", "Katherine", "Samuel", "Christine", "Gregory", "Helen", "Alexander", "Debra",
            "Patrick", "Rachel", "Frank", "Carolyn", "Raymond", "Janet", "Dennis", "Catherine", "Jerry", "Heather",
            "Tyler", "Diane", "Aaron", "Olivia", "Jose", "Julie", "Adam", "Joyce", "Nathan", "Victoria", "Henry",
            "Ruth", "Zachary", "Virginia", "Douglas", "Lauren", "Peter", "Kelly", "Kyle", "Christina", "Noah",
            "Evelyn", "Jeremy", "Judith", "Walter", "Andrea", "Keith", "Megan", "Roger", "Cheryl", "Jacqueline",
            "Austin", "Martha", "Sean", "Madison", "Gerald", "Teresa", "Carl", "Gloria", "Harold", "Janice",
            "Arthur", "Lawrence", "Kathryn", "Abigail", "Jesse", "Sophia", "Bryan", "Frances", "Bruce", "Alice",
            "Gabriel", "Isabella", "Logan", "Julia", "Alan", "Amber", "Albert", "Denise", "Elijah", "Marilyn",
            "Wayne", "Beverly", "Vincent", "Natalie", "Mason", "Theresa", "Diana", "Brittany", "Bradley", "Alexis",
            "Philip", "Eugene", "Marie", "Aaliyah", "Jayden", "Mateo", "Santiago", "Ximena", "Priya", "Rahul", "Wei",
            "Hiroshi", "Yuki", "Oluwaseun", "Chidi", "Fatima", "Omar", "Aisha", "Mohammed", "Dmitri", "Svetlana",
            "Siobhan", "Niamh", "Kwame", "Ngozi", "Thanh", "Minh", "Esperanza", "Guadalupe", "Lakshmi", "Anjali");
    static final List<String> LAST = List.of("Smith", "Johnson", "Williams", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "Harris", "Sanchez", "Clark",
            "Ramirez", "Lewis", "Robinson", "Walker", "Allen", "Wright", "Torres", "Nguyen", "Hill", "Flores",
            "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez",
            "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart",
            "Morris", "Morales", "Murphy", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey",
            "Reed", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Bennett",
            "Mendoza", "Ruiz", "Hughes", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Ross", "Foster",
            "Jimenez", "Powell", "Jenkins", "Perry", "Sullivan", "Coleman", "Butler", "Henderson", "Barnes",
            "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Patterson", "Hamilton", "Graham", "Reynolds",
            "Griffin", "Wallace", "Moreno", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina",
            "Aguilar", "Stevens", "Murray", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "McDonald",
            "Kennedy", "Vargas", "Chen", "Freeman", "Webb", "Tucker", "Guzman", "Crawford", "Olson", "Simpson",
            "Porter", "Gordon", "Mendez", "Silva", "Snyder", "Dixon", "Munoz", "Hicks", "Holmes", "Palmer", "Wagner",
            "Robertson", "Boyd", "Salazar", "Warren", "Meyer", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols",
            "Stephens", "Soto", "Weaver", "Gardner", "Payne", "Dunn", "Kelley", "Spencer", "Hawkins", "Pierce",
            "Vazquez", "Hansen", "Santos", "Elliott", "Cunningham", "Duncan", "Armstrong", "Hudson", "Carroll",
            "Riley", "Andrews", "Alvarado", "Delgado", "Perkins", "Hoffman", "Johnston", "Matthews", "Pena",
            "Contreras", "Sandoval", "O'Brien", "Okonkwo", "Adeyemi", "Kowalczyk", "Nakamura", "Yamamoto",
            "Chaudhry", "Bhattacharya", "Oyelaran", "Papadopoulos", "Ivanova", "Nwosu", "Smith-Jones",
            "Abernathy-Cole", "Brown", "White", "Young", "King", "Green", "Wood", "Gray");

    private static final String[] ONSETS = {"B", "Br", "C", "Ch", "D", "Dr", "F", "G", "Gr", "H", "J", "K", "Kr",
        "L", "M", "N", "P", "Pr", "R", "S", "Sh", "St", "T", "Tr", "V", "W", "Z", "Th", "Qu", "Y"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "ie", "y"};
    private static final String[] INNER = {"l", "r", "n", "v", "m", "s", "d", "th", "z", "k", "nd", "rk", "lm"};
    private static final String[] FIRST_ENDINGS = {"a", "o", "in", "el", "yn", "ia", "us", "en", "ira", "ette"};
    private static final String[] LAST_ENDINGS = {"son", "berg", "ski", "ov", "ez", "man", "ton", "wick", "ard",
        "quist", "ani", "oku", "etti", "ley", "haus", "ovich", "ara", "sen"};

    static final String[] STREETS = {"Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill",
        "Park", "Sunset", "Lincoln", "Jefferson", "Highland", "Forest", "River", "Church", "Meadow", "Willow",
        "Chestnut", "Spring", "Franklin", "Madison", "Prospect", "Ridge", "Valley", "Walnut", "Jackson", "Union",
        "Mill", "North Shore", "Old Mill", "Martin Luther King Jr", "Saint Charles", "Cherry Blossom", "5th",
        "42nd", "1st", "Harbor View", "Orchard"};
    static final String[] SUFFIXES = {"St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Boulevard", "Ln",
        "Lane", "Dr", "Drive", "Ct", "Court", "Way", "Pl", "Place", "Ter", "Cir", "Pkwy", "Hwy"};
    static final String[] CITIES = {"Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Clinton",
        "Salem", "Franklin", "Greenville", "Bristol", "Oakland", "Burlington", "Manchester", "Milton", "Arlington",
        "Ashland", "Dover", "Hudson", "Kingston", "Lexington", "San Diego", "Los Angeles", "New Haven",
        "Salt Lake City", "Fort Worth", "St. Louis", "Boston", "Chicago", "Houston", "Phoenix", "Portland",
        "Denver", "Austin", "Tucson", "El Paso", "Santa Fe", "Ann Arbor", "Cedar Rapids", "Baton Rouge", "Eugene"};
    static final String[] STATES = {"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
        "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
        "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI",
        "WY"};
    private static final int[] AREA_CODES = {201, 202, 203, 205, 206, 207, 208, 212, 213, 214, 215, 216, 217, 303,
        304, 305, 307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 401, 402, 404, 405, 406, 407, 408, 410, 412,
        413, 414, 415, 501, 502, 503, 504, 505, 507, 508, 510, 512, 513, 515, 516, 517, 518, 602, 603, 605, 606,
        607, 608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 701, 702, 703, 704, 706, 707, 708, 712, 713, 714,
        715, 716, 717, 718, 719, 720, 801, 802, 803, 804, 805, 806, 808, 810, 812, 813, 814, 815, 816, 817, 818,
        828, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919, 920, 925, 928, 931};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String IBAN_COUNTRIES = "DE22 GB22 FR27 NL18 ES24 IT27 BE16 CH21 AT20 SE24 NO15 DK18 "
            + "FI18 IE22 PT25 PL28";
    private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private final Random random;

    SyntheticValues(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String digits(int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    // ---- names ----

    /** A person: given name, surname, and whether they came from the syllable generator. */
    record Person(String first, String last, boolean synthetic) {
        String full() {
            return first + " " + last;
        }

        String variant() {
            return synthetic ? "synthetic" : "listed";
        }
    }

    /** A third of people are made-up names no dictionary holds; the rest come from the lists above. */
    Person person() {
        if (chance(0.35)) {
            return new Person(syntheticFirst(), syntheticLast(), true);
        }
        return new Person(pick(FIRST), pick(LAST), false);
    }

    private String syntheticFirst() {
        return pick(ONSETS) + pick(VOWELS) + pick(INNER) + pick(FIRST_ENDINGS);
    }

    private String syntheticLast() {
        String s = pick(ONSETS) + pick(VOWELS) + pick(INNER) + (chance(0.4) ? pick(VOWELS) + pick(INNER) : "")
                + pick(LAST_ENDINGS);
        return s;
    }

    // ---- identifiers ----

    String ssn(boolean dashed) {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        String a = String.format("%03d", area);
        String g = String.format("%02d", 1 + random.nextInt(99));
        String s = String.format("%04d", 1 + random.nextInt(9999));
        return dashed ? a + "-" + g + "-" + s : a + g + s;
    }

    String mrn() {
        return switch (random.nextInt(4)) {
            case 0 -> digits(8);
            case 1 -> "00" + digits(6);
            case 2 -> digits(7);
            default -> "MR" + digits(7);
        };
    }

    String planId() {
        String letters = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                + (char) ('A' + random.nextInt(26));
        return switch (random.nextInt(3)) {
            case 0 -> letters + digits(9);
            case 1 -> "W" + digits(9);
            default -> letters + "-" + digits(6) + "-" + digits(2);
        };
    }

    /** A Medicare Beneficiary Identifier in the CMS format. */
    String mbi(boolean dashed) {
        String letters = "ACDEFGHJKMNPQRTUVWXY";
        String alnum = letters + "0123456789";
        char[] c = new char[11];
        c[0] = (char) ('1' + random.nextInt(9));
        c[1] = letters.charAt(random.nextInt(letters.length()));
        c[2] = alnum.charAt(random.nextInt(alnum.length()));
        c[3] = (char) ('0' + random.nextInt(10));
        c[4] = letters.charAt(random.nextInt(letters.length()));
        c[5] = alnum.charAt(random.nextInt(alnum.length()));
        c[6] = (char) ('0' + random.nextInt(10));
        c[7] = letters.charAt(random.nextInt(letters.length()));
        c[8] = letters.charAt(random.nextInt(letters.length()));
        c[9] = (char) ('0' + random.nextInt(10));
        c[10] = (char) ('0' + random.nextInt(10));
        String s = new String(c);
        return dashed ? s.substring(0, 4) + "-" + s.substring(4, 7) + "-" + s.substring(7) : s;
    }

    String npi() {
        String base = (random.nextBoolean() ? "1" : "2") + digits(8);
        // Luhn check digit over "80840" + base
        return base + luhnCheckDigit("80840" + base);
    }

    String dea() {
        String types = "ABFGMPR";
        char type = types.charAt(random.nextInt(types.length()));
        char initial = (char) ('A' + random.nextInt(26));
        int[] d = new int[6];
        for (int i = 0; i < 6; i++) {
            d[i] = random.nextInt(10);
        }
        int check = ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10;
        StringBuilder s = new StringBuilder().append(type).append(initial);
        for (int v : d) {
            s.append(v);
        }
        return s.append(check).toString();
    }

    String creditCard() {
        String prefix;
        int length;
        switch (random.nextInt(6)) {
            case 0 -> { prefix = "4" + digits(1); length = 16; }
            case 1 -> { prefix = String.valueOf(51 + random.nextInt(5)); length = 16; }
            case 2 -> { prefix = random.nextBoolean() ? "34" : "37"; length = 15; }
            case 3 -> { prefix = "6011"; length = 16; }
            case 4 -> { prefix = String.valueOf(3528 + random.nextInt(62)); length = 16; }
            default -> { prefix = "36"; length = 14; }
        }
        String body = prefix + digits(length - 1 - prefix.length());
        String number = body + luhnCheckDigit(body);
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> group(number, length == 15 ? new int[] {4, 6, 5} : length == 14 ? new int[] {4, 6, 4}
                    : new int[] {4, 4, 4, 4}, ' ');
            default -> group(number, length == 15 ? new int[] {4, 6, 5} : length == 14 ? new int[] {4, 6, 4}
                    : new int[] {4, 4, 4, 4}, '-');
        };
    }

    private static String group(String digits, int[] sizes, char sep) {
        StringBuilder s = new StringBuilder();
        int at = 0;
        for (int size : sizes) {
            if (at > 0) {
                s.append(sep);
            }
            s.append(digits, at, at + size);
            at += size;
        }
        return s.toString();
    }

    private static char luhnCheckDigit(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    String iban(boolean grouped) {
        String[] entries = IBAN_COUNTRIES.split(" ");
        String entry = pick(entries);
        String country = entry.substring(0, 2);
        int length = Integer.parseInt(entry.substring(2));
        String bban = digits(length - 4);
        // check digits: 98 - mod97(bban + country + "00")
        String rearranged = bban + country + "00";
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            remainder = Character.isDigit(c) ? (remainder * 10 + (c - '0')) % 97
                    : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        String iban = country + String.format("%02d", 98 - remainder) + bban;
        if (!grouped) {
            return iban;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return s.toString();
    }

    /** A North American VIN (first character 1–5) with its check digit. */
    String vin() {
        char[] v = new char[17];
        v[0] = (char) ('1' + random.nextInt(5));
        for (int i = 1; i < 17; i++) {
            v[i] = VIN_CHARS.charAt(random.nextInt(VIN_CHARS.length()));
        }
        v[9] = "ABCDEFGHJKLMNPRSTVWXY123456789".charAt(random.nextInt(30));
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        String values = "0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = Character.isDigit(v[i]) ? v[i] - '0' : transliterate(v[i]);
            sum += value * weights[i];
        }
        int check = sum % 11;
        v[8] = check == 10 ? 'X' : (char) ('0' + check);
        return new String(v);
    }

    private static int transliterate(char c) {
        String[] groups = {"AJ", "BKS", "CLT", "DMU", "ENV", "FW", "GPX", "HY", "RZ"};
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].indexOf(c) >= 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("not a VIN letter: " + c);
    }

    // ---- dates and ages ----

    /** A date in one of the common forms; returns {text, variant}. */
    String[] date() {
        int year = 1925 + random.nextInt(100);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        String name = MONTHS[month - 1];
        return switch (random.nextInt(9)) {
            case 0 -> new String[] {String.format("%04d-%02d-%02d", year, month, day), "iso"};
            case 1 -> new String[] {month + "/" + day + "/" + year, "us"};
            case 2 -> new String[] {String.format("%02d/%02d/%04d", month, day, year), "us"};
            case 3 -> new String[] {name + " " + day + ", " + year, "month-d-yyyy"};
            case 4 -> new String[] {day + " " + name + " " + year, "d-month-yyyy"};
            case 5 -> new String[] {name.substring(0, 3) + " " + day + ", " + year, "mon-d-yyyy"};
            case 6 -> new String[] {String.format("%02d-%s-%04d", day, name.substring(0, 3).toUpperCase(), year),
                "dd-mon-yyyy"};
            case 7 -> new String[] {String.format("%02d/%02d/%02d", month, day, year % 100), "us-yy"};
            default -> new String[] {name + " " + year, "month-yyyy"};
        };
    }

    // ---- contact ----

    String phone() {
        int area = AREA_CODES[random.nextInt(AREA_CODES.length)];
        int exchange = 200 + random.nextInt(800);
        if (exchange % 100 == 11) {
            exchange++;
        }
        String line = String.format("%04d", random.nextInt(10000));
        return switch (random.nextInt(6)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "-" + exchange + "-" + line;
            case 2 -> area + "." + exchange + "." + line;
            case 3 -> "+1 " + area + " " + exchange + " " + line;
            case 4 -> "1-" + area + "-" + exchange + "-" + line;
            default -> "(" + area + ")" + exchange + "-" + line;
        };
    }

    String email(Person p) {
        String[] domains = {"example.com", "mail.example.org", "clinic-example.net", "example.edu", "inbox.example.us"};
        String local = switch (random.nextInt(3)) {
            case 0 -> p.first().toLowerCase() + "." + p.last().toLowerCase().replace("'", "");
            case 1 -> p.first().substring(0, 1).toLowerCase() + p.last().toLowerCase().replace("'", "")
                    + random.nextInt(100);
            default -> p.last().toLowerCase().replace("'", "") + "_" + random.nextInt(1000);
        };
        return local + "@" + pick(domains);
    }

    String url(Person p) {
        String[] forms = {"https://portal.example-health.org/patients/%d", "http://www.example.com/~%s",
            "https://example.net/u/%s/records?id=%d", "www.example-clinic.com/profile/%s"};
        String form = pick(forms);
        String user = p.last().toLowerCase().replace("'", "") + random.nextInt(100);
        return form.contains("%d") && !form.contains("%s") ? String.format(form, 100000 + random.nextInt(900000))
                : form.contains("%d") ? String.format(form, user, random.nextInt(100000)) : String.format(form, user);
    }

    String ipv4() {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    String ipv6() {
        StringBuilder s = new StringBuilder("2001:db8");
        int groups = 2 + random.nextInt(4);
        if (random.nextBoolean()) {
            s.append(':');
            for (int i = 0; i < groups; i++) {
                s.append(':').append(Integer.toHexString(random.nextInt(65536)));
            }
        } else {
            for (int i = 0; i < 6; i++) {
                s.append(':').append(Integer.toHexString(random.nextInt(65536)));
            }
        }
        return s.toString();
    }

    String mac() {
        char sep = random.nextBoolean() ? ':' : '-';
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                s.append(sep);
            }
            String pair = String.format("%02x", random.nextInt(256));
            s.append(random.nextBoolean() ? pair.toUpperCase() : pair);
        }
        return s.toString();
    }

    // ---- places ----

    String street() {
        StringBuilder s = new StringBuilder().append(1 + random.nextInt(9999)).append(' ');
        if (chance(0.15)) {
            s.append(pick(new String[] {"N", "S", "E", "W", "N.", "S."})).append(' ');
        }
        s.append(pick(STREETS)).append(' ').append(pick(SUFFIXES));
        if (chance(0.3)) {
            s.append(pick(new String[] {", Apt ", " Apt ", ", Suite ", " Unit ", " #"}))
                    .append(1 + random.nextInt(400)).append(chance(0.3) ? "B" : "");
        }
        return s.toString();
    }

    String city() {
        return pick(CITIES);
    }

    String state() {
        return pick(STATES);
    }

    String zip() {
        String zip = String.format("%05d", 1001 + random.nextInt(98000));
        return chance(0.2) ? zip + "-" + String.format("%04d", random.nextInt(10000)) : zip;
    }
}
