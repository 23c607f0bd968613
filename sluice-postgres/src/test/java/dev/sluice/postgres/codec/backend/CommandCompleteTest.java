package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;

class CommandCompleteTest {

    @Test
    void encodesTheTag() {
        assertThat(new CommandComplete("UPDATE 3").encode()).isEqualTo(of('C', int32(13), "UPDATE 3", NUL));
    }

    @Test
    void decodesItsOwnBody() throws PgProtocolException {
        assertThat(CommandComplete.decode(bodyOf(of('C', int32(13), "SELECT 7", NUL))).tag()).isEqualTo("SELECT 7");
    }

    @Test
    void rowCountIsTheTagsLastNumber() {
        assertThat(new CommandComplete("INSERT 0 5").rowCount()).isEqualTo(5);
        assertThat(new CommandComplete("UPDATE 3").rowCount()).isEqualTo(3);
        assertThat(new CommandComplete("DELETE 0").rowCount()).isZero();
        assertThat(new CommandComplete("COPY 10").rowCount()).isEqualTo(10);
        assertThat(new CommandComplete("MERGE 2").rowCount()).isEqualTo(2);
        assertThat(new CommandComplete("SELECT 12345678901").rowCount()).isEqualTo(12345678901L);
    }

    @Test
    void tagsWithoutACountCountNothing() {
        assertThat(new CommandComplete("CREATE TABLE").rowCount()).isZero();
        assertThat(new CommandComplete("BEGIN").rowCount()).isZero();
        assertThat(new CommandComplete("").rowCount()).isZero();
        assertThat(new CommandComplete("SELECT 99999999999999999999999").rowCount()).isZero();
    }
}
