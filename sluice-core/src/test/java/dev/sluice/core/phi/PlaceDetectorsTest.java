package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import static dev.sluice.core.phi.DetectorTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

/** Street addresses, city lines, PO boxes, ZIP codes. */
class PlaceDetectorsTest {

    private final Detector addresses = new AddressDetector();

    @Test
    void streetLineWithUnitAndCityLine() {
        assertThat(found(addresses, "Lives at 1200 N. Oak Ridge Blvd SW, Apt 4B, Springfield, IL 62704-1234. Fine."))
                .containsExactly("ADDRESS:1200 N. Oak Ridge Blvd SW, Apt 4B, Springfield, IL 62704-1234");
    }

    @Test
    void streetLineAloneAndOnTwoLines() {
        assertThat(found(addresses, "moved to 42 Main St last year")).containsExactly("ADDRESS:42 Main St");
        assertThat(found(addresses, "221B Baker Street\nSalt Lake City, UT 84101"))
                .containsExactly("ADDRESS:221B Baker Street\nSalt Lake City, UT 84101");
        assertThat(found(addresses, "lives at 12 oak street now")).containsExactly("ADDRESS:12 oak street");
    }

    @Test
    void cityLinesPoBoxesAndCuedCities() {
        assertThat(found(addresses, "mail to PO Box 1234, Denver, CO 80202"))
                .containsExactly("ADDRESS:PO Box 1234, Denver, CO 80202");
        assertThat(found(addresses, "resides in Ann Arbor with family")).containsExactly("ADDRESS:Ann Arbor");
        assertThat(found(addresses, "{\"city\": \"San Diego\"}")).containsExactly("ADDRESS:San Diego");
        assertThat(found(addresses, "from Austin, TX")).containsExactly("ADDRESS:Austin, TX");
    }

    @Test
    void numbersBeforeOrdinaryWordsAreNotAddresses() {
        assertThat(found(addresses, "take 2 tabs daily, 500 mg PO BID, seen by Dr. Smith, MD")).isEmpty();
        assertThat(found(addresses, "John Smith, MD and Jane Roe, PA")).isEmpty();
    }

    @Test
    void zipCodesNeedACue() {
        Detector zips = new ZipDetector();
        assertThat(found(zips, "ZIP code 62704 and zip: 62704-1234")).containsExactly("ZIP:62704", "ZIP:62704-1234");
        assertThat(found(zips, "order 62704")).isEmpty();
    }
}
