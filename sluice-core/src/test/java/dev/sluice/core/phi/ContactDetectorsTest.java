package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import static dev.sluice.core.phi.DetectorTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

/** Phone and fax, e-mail, URL, IP and MAC addresses. */
class ContactDetectorsTest {

    private final Detector phones = new PhoneDetector();

    @Test
    void northAmericanNumbersInTheirUsualForms() {
        assertThat(found(phones, "call (617) 555-0142, 617.555.0143 or +1 617 555 0144 or 1-617-555-0145 x204"))
                .containsExactly("PHONE:(617) 555-0142", "PHONE:617.555.0143", "PHONE:+1 617 555 0144",
                        "PHONE:1-617-555-0145 x204");
    }

    @Test
    void internationalNumbersAfterAPlus() {
        assertThat(found(phones, "London office +44 20 7946 0958.")).containsExactly("PHONE:+44 20 7946 0958");
    }

    @Test
    void aFaxCueMakesAFax() {
        assertThat(found(phones, "Phone 617-555-0142, fax: 617-555-0199"))
                .containsExactly("PHONE:617-555-0142", "FAX:617-555-0199");
    }

    @Test
    void invalidNumbersAndBareDigitsWithoutCueAreNot() {
        assertThat(found(phones, "123-456-7890 (area code 123) and 6175550142 and 10.20.30.40")).isEmpty();
        assertThat(found(phones, "cell 6175550142")).containsExactly("PHONE:6175550142");
    }

    @Test
    void emailAddresses() {
        assertThat(found(new EmailDetector(), "write to jo.smith+clinic@mail.example.org. or a@b"))
                .containsExactly("EMAIL:jo.smith+clinic@mail.example.org");
    }

    @Test
    void urlsWithAndWithoutScheme() {
        assertThat(found(new UrlDetector(), "see https://portal.example.org/p?id=3, and www.example.com/x)."))
                .containsExactly("URL:https://portal.example.org/p?id=3", "URL:www.example.com/x");
        assertThat(found(new UrlDetector(), "ratio 3://4 and awww.x")).isEmpty();
    }

    @Test
    void ipAndMacAddresses() {
        Detector network = new NetworkAddressDetector();
        assertThat(found(network, "from 10.2.33.4 and 2001:db8::8a2e:370:7334, fe80::1, MAC 00:1A:2B:3C:4D:5E "
                + "or 00-1a-2b-3c-4d-5e or 0011.2233.44aa"))
                .containsExactly("IP_ADDRESS:10.2.33.4", "IP_ADDRESS:2001:db8::8a2e:370:7334", "IP_ADDRESS:fe80::1",
                        "MAC_ADDRESS:00:1A:2B:3C:4D:5E", "MAC_ADDRESS:00-1a-2b-3c-4d-5e", "MAC_ADDRESS:0011.2233.44aa");
    }

    @Test
    void timesVersionsAndBadOctetsAreNotAddresses() {
        assertThat(found(new NetworkAddressDetector(), "at 10:30:45, v1.2.3.4.5, 256.1.1.1, John 3:16")).isEmpty();
    }
}
