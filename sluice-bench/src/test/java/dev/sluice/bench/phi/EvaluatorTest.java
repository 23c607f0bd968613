package dev.sluice.bench.phi;

import dev.sluice.core.phi.PhiSpan;
import dev.sluice.core.phi.PhiType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluatorTest {

    @Test
    void scoresAHandMadeCorpus() {
        // "Call 617-555-0142 re John Smith" with two true spans
        Doc doc = new Doc.Builder("note").text("Call ").phi(PhiType.PHONE, "v", "617-555-0142").text(" re ")
                .phi(PhiType.NAME, "v", "John Smith").build();
        List<PhiSpan> detected = List.of(
                new PhiSpan(5, 17, PhiType.PHONE, 0.9),   // exact: found, correct
                new PhiSpan(21, 25, PhiType.NAME, 0.9),   // "John" only: correct, but Smith is left → not found
                new PhiSpan(0, 4, PhiType.NAME, 0.6));    // "Call": wrong
        Evaluator.Scores scores = Evaluator.evaluate(List.of(doc), text -> detected);

        assertThat(scores.of(PhiType.PHONE).recall()).isEqualTo(1.0);
        assertThat(scores.of(PhiType.PHONE).precision()).isEqualTo(1.0);
        assertThat(scores.of(PhiType.NAME).truth()).isEqualTo(1);
        assertThat(scores.of(PhiType.NAME).found()).isZero();
        assertThat(scores.of(PhiType.NAME).detected()).isEqualTo(2);
        assertThat(scores.of(PhiType.NAME).correct()).isEqualTo(1);
        assertThat(scores.total().recall()).isEqualTo(0.5);
        assertThat(scores.total().precision()).isEqualTo(2.0 / 3);
        // F2 = 5PR / (4P + R) with P = 2/3, R = 1/2
        assertThat(scores.total().f2()).isCloseTo(5 * (2.0 / 3) * 0.5 / (4 * (2.0 / 3) + 0.5),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(scores.falsePositives()).containsKey("NAME 'Call'");
    }

    @Test
    void aTrueSpanMaskedUnderAnotherTypeIsMaskedButNotFound() {
        Doc doc = new Doc.Builder("note").text("fax ").phi(PhiType.FAX, "v", "617-555-0142").build();
        Evaluator.Scores scores = Evaluator.evaluate(List.of(doc),
                text -> List.of(new PhiSpan(4, 16, PhiType.PHONE, 0.9)));
        assertThat(scores.of(PhiType.FAX).found()).isZero();
        assertThat(scores.of(PhiType.PHONE).correct()).isZero();
        assertThat(scores.table()).contains("masked").contains("1 / 1");
    }

    @Test
    void theGeneratorIsSeeded() {
        assertThat(new CorpusGenerator(7).generate(5, 5, 5)).isEqualTo(new CorpusGenerator(7).generate(5, 5, 5));
        assertThat(new CorpusGenerator(7).generate(5, 0, 0)).isNotEqualTo(new CorpusGenerator(8).generate(5, 0, 0));
    }
}
