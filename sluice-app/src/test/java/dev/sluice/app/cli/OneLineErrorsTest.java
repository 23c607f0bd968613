package dev.sluice.app.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineErrorsTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldA";

    @Test
    void aTokenTypedAsAnUnknownOptionIsNotEchoed() {
        StringWriter err = new StringWriter();
        int code = SluiceCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "approvals", "list", "--token", TOKEN);
        assertThat(code).isEqualTo(OneLineErrors.USAGE);
        assertThat(err.toString()).contains("'--token'").contains("1 more argument not shown")
                .doesNotContain(TOKEN).doesNotContain("c2lnbmF0dXJl");
    }

    @Test
    void anUnknownWordIsNamedButAnOptionValueAfterEqualsIsNot() {
        assertThat(OneLineErrors.unmatched(List.of("frobnicate"))).isEqualTo("unknown option or argument 'frobnicate'");
        assertThat(OneLineErrors.unmatched(List.of("--password=hunter2-secret")))
                .isEqualTo("unknown option or argument '--password'");
    }
}
