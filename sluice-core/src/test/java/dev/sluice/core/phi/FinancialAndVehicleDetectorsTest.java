package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import static dev.sluice.core.phi.DetectorTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

/** Credit cards (Luhn + issuer), IBAN (mod 97), VIN (check digit). */
class FinancialAndVehicleDetectorsTest {

    @Test
    void cardNumbersWholeOrGrouped() {
        Detector cards = new CreditCardDetector();
        assertThat(found(cards, "Visa 4111 1111 1111 1111 ok")).containsExactly("CREDIT_CARD:4111 1111 1111 1111");
        assertThat(found(cards, "MC 5500-0000-0000-0004")).containsExactly("CREDIT_CARD:5500-0000-0000-0004");
        assertThat(found(cards, "Amex 378282246310005")).containsExactly("CREDIT_CARD:378282246310005");
        assertThat(found(cards, "JCB 3530111333300000")).containsExactly("CREDIT_CARD:3530111333300000");
        assertThat(found(cards, "Diners 30569309025904")).containsExactly("CREDIT_CARD:30569309025904");
    }

    @Test
    void cardNumbersFailingLuhnOrIssuerAreSkipped() {
        Detector cards = new CreditCardDetector();
        assertThat(found(cards, "4111 1111 1111 1112")).isEmpty(); // Luhn
        assertThat(found(cards, "9111111111111111")).isEmpty(); // no issuer starts with 9 (Luhn-valid sum aside)
        assertThat(found(cards, "37828224631000")).isEmpty(); // Amex is 15 digits
    }

    @Test
    void ibanCompactAndGrouped() {
        Detector iban = new IbanDetector();
        assertThat(found(iban, "IBAN DE89370400440532013000.")).containsExactly("IBAN:DE89370400440532013000");
        assertThat(found(iban, "IBAN GB82 WEST 1234 5698 7654 32 thanks"))
                .containsExactly("IBAN:GB82 WEST 1234 5698 7654 32");
        assertThat(found(iban, "DE88370400440532013000")).isEmpty(); // mod 97
        assertThat(found(iban, "DE8937040044053201300")).isEmpty(); // one short for Germany
    }

    @Test
    void vinWithCheckDigit() {
        Detector vin = new VinDetector();
        assertThat(found(vin, "VIN 1HGCM82633A004352")).containsExactly("VIN:1HGCM82633A004352");
        assertThat(found(vin, "1HGCM82643A004352")).isEmpty(); // North American, wrong check digit
        assertThat(found(vin, "1HGCM8263IA004352")).isEmpty(); // I is not allowed
    }

    @Test
    void nonNorthAmericanVinWithoutCheckDigitNeedsACue() {
        Detector vin = new VinDetector();
        assertThat(found(vin, "code WVWZZZ1JZ3W386752")).isEmpty();
        assertThat(found(vin, "VIN WVWZZZ1JZ3W386752")).containsExactly("VIN:WVWZZZ1JZ3W386752");
    }
}
