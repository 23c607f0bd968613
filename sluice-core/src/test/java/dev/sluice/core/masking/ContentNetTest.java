package dev.sluice.core.masking;

import dev.sluice.core.phi.CustomDetectorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContentNetTest {

    private static final CustomDetectorSpec EMPLOYEE_ID = CustomDetectorSpec.regex("employee-id", "EMP-[0-9]{6}");

    @Test
    void theCustomDetectorsOfAPolicyRunInItsNet() {
        MaskingPolicy policy = MaskingPolicy.builder().customDetectors(List.of(EMPLOYEE_ID)).build();
        assertThat(ContentNet.of(policy).scrub("badge EMP-123456, SSN 219-09-9999"))
                .doesNotContain("EMP-123456").doesNotContain("219-09-9999");
    }

    @Test
    void aNamedDetectorListRunsOnlyTheCustomDetectorsItNames() {
        MaskingPolicy named = MaskingPolicy.builder().detectors(DetectorSet.of(Set.of("employee-id")))
                .customDetectors(List.of(EMPLOYEE_ID)).build();
        assertThat(ContentNet.of(named).scrub("badge EMP-123456, SSN 219-09-9999"))
                .doesNotContain("EMP-123456").contains("219-09-9999");
        MaskingPolicy ssnOnly = MaskingPolicy.builder().detectors(DetectorSet.of(Set.of("ssn")))
                .customDetectors(List.of(EMPLOYEE_ID)).build();
        assertThat(ContentNet.of(ssnOnly).scrub("badge EMP-123456, SSN 219-09-9999"))
                .contains("EMP-123456").doesNotContain("219-09-9999");
    }
}
