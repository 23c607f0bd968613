package dev.sluice.app.demo;

import java.util.List;

/**
 * A city a synthetic patient lives in, with the state, the first three digits of its ZIP codes and its telephone
 * area code, so that an address, a ZIP and a phone number agree with each other as real ones do.
 */
record Place(String city, String state, String zipPrefix, String areaCode) {

    /** The cities the dataset uses; real places, invented residents. */
    static final List<Place> ALL = List.of(
            new Place("Boston", "MA", "021", "617"),
            new Place("Worcester", "MA", "016", "508"),
            new Place("Providence", "RI", "029", "401"),
            new Place("Hartford", "CT", "061", "860"),
            new Place("New York", "NY", "100", "212"),
            new Place("Brooklyn", "NY", "112", "718"),
            new Place("Buffalo", "NY", "142", "716"),
            new Place("Newark", "NJ", "071", "973"),
            new Place("Philadelphia", "PA", "191", "215"),
            new Place("Pittsburgh", "PA", "152", "412"),
            new Place("Baltimore", "MD", "212", "410"),
            new Place("Richmond", "VA", "232", "804"),
            new Place("Charlotte", "NC", "282", "704"),
            new Place("Atlanta", "GA", "303", "404"),
            new Place("Miami", "FL", "331", "305"),
            new Place("Orlando", "FL", "328", "407"),
            new Place("Nashville", "TN", "372", "615"),
            new Place("Cleveland", "OH", "441", "216"),
            new Place("Columbus", "OH", "432", "614"),
            new Place("Detroit", "MI", "482", "313"),
            new Place("Chicago", "IL", "606", "312"),
            new Place("Milwaukee", "WI", "532", "414"),
            new Place("Minneapolis", "MN", "554", "612"),
            new Place("St. Louis", "MO", "631", "314"),
            new Place("New Orleans", "LA", "701", "504"),
            new Place("Houston", "TX", "770", "713"),
            new Place("Dallas", "TX", "752", "214"),
            new Place("San Antonio", "TX", "782", "210"),
            new Place("Denver", "CO", "802", "303"),
            new Place("Phoenix", "AZ", "850", "602"),
            new Place("Albuquerque", "NM", "871", "505"),
            new Place("Salt Lake City", "UT", "841", "801"),
            new Place("Las Vegas", "NV", "891", "702"),
            new Place("Los Angeles", "CA", "900", "213"),
            new Place("San Diego", "CA", "921", "619"),
            new Place("Oakland", "CA", "946", "510"),
            new Place("Sacramento", "CA", "958", "916"),
            new Place("Portland", "OR", "972", "503"),
            new Place("Seattle", "WA", "981", "206"),
            new Place("Honolulu", "HI", "968", "808"));

    /** Street names for synthetic addresses. */
    static final List<String> STREETS = List.of(
            "Main St", "Oak St", "Maple Ave", "Cedar Ln", "Elm St", "Pine St", "Washington Ave", "Lake Dr",
            "Hillside Rd", "Park Ave", "Sunset Blvd", "River Rd", "Church St", "Highland Ave", "Franklin St",
            "Jefferson St", "Lincoln Ave", "Madison Ave", "Chestnut St", "Walnut St", "Spring St", "Mill Rd",
            "Forest Ave", "Meadow Ln", "Prospect St", "Union St", "School St", "Center St", "Broad St", "Market St",
            "Willow Way", "Birch Ct", "Orchard Dr", "Valley View Rd", "Harbor Blvd", "Ridge Rd", "Grove St",
            "Summit Ave", "Cherry Ln", "Dogwood Dr");
}
