package dev.sluice.core.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2025-01-31T09:05:00.120000Z");

    @Test
    void hashFollowsTheDocumentedRuleByteForByte() {
        // Expected value computed outside Java:
        // printf '%s\n%s\n%s\n%s\n%s\n%s' 000…0 1 2025-01-31T09:05:00.120000Z session.start s-1 '{"protocol":"postgresql"}' | sha256sum
        String hash = AuditChain.hash(AuditChain.GENESIS_HASH, 1, T0, "session.start", "s-1",
                "{\"protocol\":\"postgresql\"}");

        assertThat(hash).isEqualTo("124a6c83990b4eb7ab0cb599135691618bb39615b9971807bb9d097ecbdb2320");
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(AuditChain.GENESIS_HASH).hasSize(64).matches("0+");
    }

    @Test
    void canonicalTimeIsUtcWithExactlySixFractionDigits() {
        assertThat(AuditChain.canonicalTime(Instant.parse("2025-01-31T09:05:00Z")))
                .isEqualTo("2025-01-31T09:05:00.000000Z");
        assertThat(AuditChain.canonicalTime(Instant.parse("2025-01-31T09:05:00.123456789Z")))
                .isEqualTo("2025-01-31T09:05:00.123456Z");
    }

    @Test
    void canonicalTimeParsesBack() {
        Instant at = Instant.parse("2025-12-24T23:59:59.000001Z");

        assertThat(AuditChain.parseCanonicalTime(AuditChain.canonicalTime(at))).isEqualTo(at);
    }

    @Test
    void nanosecondsBeyondMicrosDoNotChangeTheHash() {
        String micro = AuditChain.hash(AuditChain.GENESIS_HASH, 1, Instant.parse("2025-01-31T09:05:00.123456Z"),
                "t", "s", "{}");
        String nano = AuditChain.hash(AuditChain.GENESIS_HASH, 1, Instant.parse("2025-01-31T09:05:00.123456999Z"),
                "t", "s", "{}");

        assertThat(nano).isEqualTo(micro);
    }

    @Test
    void lineFeedsInSingleLineFieldsAreRejected() {
        assertThatThrownBy(() -> AuditChain.requireSingleLine("a\nb", "sessionId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessionId");
    }

    @Test
    void aWellFormedChainVerifies() {
        List<StoredAuditEvent> chain = chain(5);

        assertThat(verify(chain, 5, chain.getLast().hash())).isEqualTo(ChainVerification.intact(5));
    }

    @Test
    void anEmptyChainAtTheGenesisHeadVerifies() {
        assertThat(verify(List.of(), 0, AuditChain.GENESIS_HASH)).isEqualTo(ChainVerification.intact(0));
    }

    @Test
    void aChangedPayloadIsAHashMismatchAtItsSeq() {
        List<StoredAuditEvent> chain = chain(5);
        StoredAuditEvent third = chain.get(2);
        chain.set(2, new StoredAuditEvent(3, third.at(), third.sessionId(), third.type(), "{\"n\":999}",
                third.prevHash(), third.hash()));

        ChainVerification result = verify(chain, 5, chain.getLast().hash());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).hasValue(3);
        assertThat(result.problem()).isEqualTo("hash mismatch at seq 3");
        assertThat(result.eventsChecked()).isEqualTo(2);
    }

    @Test
    void aRehashedEventBreaksTheNextEventsPrevLink() {
        List<StoredAuditEvent> chain = chain(5);
        StoredAuditEvent third = chain.get(2);
        String forged = AuditChain.hash(third.prevHash(), 3, third.at(), third.type(), third.sessionId(), "{}");
        chain.set(2, new StoredAuditEvent(3, third.at(), third.sessionId(), third.type(), "{}", third.prevHash(),
                forged));

        ChainVerification result = verify(chain, 5, chain.getLast().hash());

        assertThat(result.firstBrokenSeq()).hasValue(4);
        assertThat(result.problem()).isEqualTo("prev_hash of seq 4 does not match hash of 3");
    }

    @Test
    void aMissingEventIsAGapNamingTheMissingSeq() {
        List<StoredAuditEvent> chain = chain(5);
        chain.remove(2);

        ChainVerification result = verify(chain, 5, chain.getLast().hash());

        assertThat(result.firstBrokenSeq()).hasValue(3);
        assertThat(result.problem()).isEqualTo("gap: seq 2 then 4");
    }

    @Test
    void aMissingFirstEventIsReported() {
        List<StoredAuditEvent> chain = chain(3);
        chain.removeFirst();

        ChainVerification result = verify(chain, 3, chain.getLast().hash());

        assertThat(result.firstBrokenSeq()).hasValue(1);
        assertThat(result.problem()).isEqualTo("gap: the chain starts at seq 2, not 1");
    }

    @Test
    void aForgedFirstPrevHashIsReported() {
        List<StoredAuditEvent> chain = chain(2);
        StoredAuditEvent first = chain.getFirst();
        String prev = "1".repeat(64);
        chain.set(0, new StoredAuditEvent(1, first.at(), first.sessionId(), first.type(), first.payloadJson(), prev,
                AuditChain.hash(prev, 1, first.at(), first.type(), first.sessionId(), first.payloadJson())));

        ChainVerification result = verify(chain, 2, chain.getLast().hash());

        assertThat(result.firstBrokenSeq()).hasValue(1);
        assertThat(result.problem()).isEqualTo("prev_hash of seq 1 is not the genesis hash");
    }

    @Test
    void eventsRemovedFromTheEndAreCaughtByTheHead() {
        List<StoredAuditEvent> chain = chain(5);
        String headHash = chain.getLast().hash();
        chain.removeLast();
        chain.removeLast();

        ChainVerification result = verify(chain, 5, headHash);

        assertThat(result.firstBrokenSeq()).hasValue(4);
        assertThat(result.problem()).isEqualTo("truncated: the chain ends at seq 3 but its head records seq 5");
        assertThat(result.eventsChecked()).isEqualTo(3);
    }

    @Test
    void eventsBeyondTheHeadAreReported() {
        List<StoredAuditEvent> chain = chain(4);

        ChainVerification result = verify(chain, 3, chain.get(2).hash());

        assertThat(result.firstBrokenSeq()).hasValue(4);
    }

    @Test
    void aHeadHashThatDoesNotMatchIsReported() {
        List<StoredAuditEvent> chain = chain(3);

        ChainVerification result = verify(chain, 3, "f".repeat(64));

        assertThat(result.firstBrokenSeq()).hasValue(3);
        assertThat(result.problem()).contains("head hash");
    }

    @Test
    void anUnreadableEventIsReportedAtItsSeq() {
        List<StoredAuditEvent> chain = chain(3);
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        verifier.accept(chain.get(0));

        assertThat(verifier.unreadable(2, "time")).isFalse();
        ChainVerification result = verifier.finish(3, chain.getLast().hash());

        assertThat(result.firstBrokenSeq()).hasValue(2);
        assertThat(result.problem()).isEqualTo("unreadable time at seq 2");
    }

    @Test
    void theVerifierStopsAtTheFirstProblem() {
        List<StoredAuditEvent> chain = chain(5);
        StoredAuditEvent second = chain.get(1);
        chain.set(1, new StoredAuditEvent(2, second.at(), second.sessionId(), second.type(), "{}", second.prevHash(),
                second.hash()));
        chain.remove(3);

        ChainVerification result = verify(chain, 5, chain.getLast().hash());

        assertThat(result.problem()).isEqualTo("hash mismatch at seq 2");
    }

    @Test
    void storedEventsPrintWithoutTheirPayload() {
        StoredAuditEvent event = chain(1).getFirst();

        assertThat(event.toString()).doesNotContain(event.payloadJson()).contains("seq=1");
    }

    private static ChainVerification verify(List<StoredAuditEvent> chain, long headSeq, String headHash) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        for (StoredAuditEvent event : chain) {
            if (!verifier.accept(event)) {
                break;
            }
        }
        return verifier.finish(headSeq, headHash);
    }

    private static List<StoredAuditEvent> chain(int length) {
        List<StoredAuditEvent> events = new ArrayList<>();
        String prev = AuditChain.GENESIS_HASH;
        for (int seq = 1; seq <= length; seq++) {
            Instant at = T0.plusMillis(seq);
            String payload = "{\"secretish\":\"value-" + seq + "\"}";
            String hash = AuditChain.hash(prev, seq, at, "command.decided", "s-1", payload);
            events.add(new StoredAuditEvent(seq, at, "s-1", "command.decided", payload, prev, hash));
            prev = hash;
        }
        return events;
    }
}
