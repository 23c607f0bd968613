package dev.sluice.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUrlTest {

    @Test
    void anSqliteUrlNamesAnAbsoluteFile() {
        StoreUrl url = StoreUrl.parse("sqlite:/var/lib/sluice/../sluice/sluice.db");

        assertThat(url).isEqualTo(new StoreUrl.Sqlite(Path.of("/var/lib/sluice/sluice.db")));
        assertThat(url.redacted()).isEqualTo("sqlite:/var/lib/sluice/sluice.db");
    }

    @Test
    void theJdbcSqliteFormIsAccepted() {
        assertThat(StoreUrl.parse("jdbc:sqlite:/data/s.db")).isEqualTo(new StoreUrl.Sqlite(Path.of("/data/s.db")));
    }

    @Test
    void anInMemorySqliteDatabaseIsRefused() {
        assertThatThrownBy(() -> StoreUrl.parse("sqlite::memory:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostgresUrlKeepsUserAndPasswordOutOfTheJdbcUrl() {
        StoreUrl.Postgres url = (StoreUrl.Postgres) StoreUrl.parse(
                "postgresql://alice:s%40cr3t@db.example.org:5432/sluice?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5432/sluice?sslmode=require");
        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.password().reveal()).isEqualTo("s@cr3t");
    }

    @Test
    void theRedactedFormAndToStringHideThePassword() {
        StoreUrl url = StoreUrl.parse("postgresql://alice:hunter2@db:5432/sluice");

        assertThat(url.redacted()).isEqualTo("postgresql://alice:***@db:5432/sluice");
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @Test
    void aRawAtSignInThePasswordStillParses() {
        StoreUrl.Postgres url = (StoreUrl.Postgres) StoreUrl.parse("postgres://alice:p@ss@db/sluice");

        assertThat(url.password().reveal()).isEqualTo("p@ss");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/sluice");
    }

    @Test
    void aPlusInThePasswordStaysAPlus() {
        StoreUrl.Postgres url = (StoreUrl.Postgres) StoreUrl.parse("postgresql://alice:a+b%2Bc@db/sluice");

        assertThat(url.password().reveal()).isEqualTo("a+b+c");
    }

    @Test
    void credentialsInJdbcQueryParametersAreTakenOutOfTheUrl() {
        StoreUrl.Postgres url = (StoreUrl.Postgres) StoreUrl.parse(
                "jdbc:postgresql://db:5432/sluice?user=bob&password=hunter2&sslmode=verify-full");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/sluice?sslmode=verify-full");
        assertThat(url.user()).isEqualTo("bob");
        assertThat(url.password().reveal()).isEqualTo("hunter2");
        assertThat(url.redacted()).isEqualTo("postgresql://bob:***@db:5432/sluice?sslmode=verify-full");
    }

    @Test
    void aUrlWithoutCredentialsIsShownAsIs() {
        StoreUrl url = StoreUrl.parse("postgresql://db/sluice");

        assertThat(url.redacted()).isEqualTo("postgresql://db/sluice");
    }

    @Test
    void scrubbingRemovesThePasswordFromAnyText() {
        StoreUrl url = StoreUrl.parse("postgresql://alice:hunter2@db/sluice");

        assertThat(url.scrub("FATAL: bad password hunter2 for alice")).isEqualTo("FATAL: bad password *** for alice");
    }

    @Test
    void anUnsupportedSchemeIsNamedWithoutEchoingTheRest() {
        assertThatThrownBy(() -> StoreUrl.parse("mysql://root:hunter2@db/sluice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mysql'")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aPostgresUrlWithoutAHostIsRefused() {
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://alice:x@/sluice"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("alice:x");
    }

    @Test
    void aUrlMayNotTurnServerErrorDetailsBackOn() {
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://db/sluice?logServerErrorDetail=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logServerErrorDetail");
    }
}
