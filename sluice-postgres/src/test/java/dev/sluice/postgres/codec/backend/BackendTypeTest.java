package dev.sluice.postgres.codec.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendTypeTest {

    @Test
    void wireBytesMapToTypes() {
        assertThat(BackendType.of((byte) 'D')).isEqualTo(BackendType.DATA_ROW);
        assertThat(BackendType.of((byte) 'Z')).isEqualTo(BackendType.READY_FOR_QUERY);
        assertThat(BackendType.of((byte) 's')).isEqualTo(BackendType.PORTAL_SUSPENDED);
        assertThat(BackendType.of((byte) '1')).isEqualTo(BackendType.PARSE_COMPLETE);
    }

    @Test
    void startupOnlyAndUnknownBytesHaveNoType() {
        assertThat(BackendType.of((byte) 'R')).isNull();
        assertThat(BackendType.of((byte) 'K')).isNull();
        assertThat(BackendType.of((byte) 0xFF)).isNull();
    }

    @Test
    void onlyNoticesNotificationsAndParameterChangesAreAsynchronous() {
        assertThat(BackendType.values()).filteredOn(BackendType::asynchronous)
                .containsExactlyInAnyOrder(BackendType.NOTICE_RESPONSE, BackendType.NOTIFICATION_RESPONSE,
                        BackendType.PARAMETER_STATUS);
    }
}
