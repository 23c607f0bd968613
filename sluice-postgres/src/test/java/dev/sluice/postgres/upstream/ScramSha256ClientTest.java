package dev.sluice.postgres.upstream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exchange from RFC 7677 section 3, then the ways a server can get it wrong. */
class ScramSha256ClientTest {

    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramSha256Client rfcClient() {
        return new ScramSha256Client("user", "pencil", CLIENT_NONCE);
    }

    @Test
    void reproducesTheRfc7677Exchange() throws UpstreamException {
        ScramSha256Client client = rfcClient();

        assertThat(text(client.clientFirstMessage())).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(text(client.clientFinalMessage(bytes(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        client.verifyServerFinal(bytes(SERVER_FINAL));
        assertThat(client.verified()).isTrue();
    }

    @Test
    void theGatewaySendsAnEmptyUserNameAsLibpqDoes() {
        assertThat(text(new ScramSha256Client("pencil").clientFirstMessage())).startsWith("n,,n=,r=");
    }

    @Test
    void wrongServerSignatureIsRefused() throws UpstreamException {
        ScramSha256Client client = rfcClient();
        client.clientFinalMessage(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> client.verifyServerFinal(bytes("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("server signature is wrong");
        assertThat(client.verified()).isFalse();
    }

    @Test
    void serverNonceThatDoesNotExtendOursIsRefused() {
        String forged = SERVER_FIRST.replace("r=rOprNG", "r=XXXXNG");

        assertThatThrownBy(() -> rfcClient().clientFinalMessage(bytes(forged)))
                .isInstanceOf(UpstreamException.class)
                .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("08P01");
    }

    @Test
    void serverErrorAttributeIsReported() throws UpstreamException {
        ScramSha256Client client = rfcClient();
        client.clientFinalMessage(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> client.verifyServerFinal(bytes("e=invalid-proof")))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("invalid-proof");
    }

    @Test
    void mandatoryExtensionIsRefused() {
        assertThatThrownBy(() -> rfcClient().clientFinalMessage(bytes("m=ext," + SERVER_FIRST)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("extension");
    }

    @Test
    void absurdIterationCountIsRefused() {
        assertThatThrownBy(() -> rfcClient().clientFinalMessage(bytes(SERVER_FIRST.replace("i=4096", "i=0"))))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("iteration");
    }

    @Test
    void finalBeforeChallengeIsRefused() {
        assertThatThrownBy(() -> rfcClient().verifyServerFinal(bytes(SERVER_FINAL)))
                .isInstanceOf(UpstreamException.class);
    }

    @Test
    void errorsNeverQuoteThePassword() {
        assertThatThrownBy(() -> new ScramSha256Client("user", "pencil", CLIENT_NONCE)
                .clientFinalMessage(bytes("r=" + CLIENT_NONCE + "x,s=!!!,i=4096")))
                .isInstanceOf(UpstreamException.class)
                .message().doesNotContain("pencil");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
