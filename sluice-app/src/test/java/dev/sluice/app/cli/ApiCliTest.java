package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.admin.ApiFixture;
import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalQuery;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice login}, {@code approvals}, {@code access} and {@code sessions kill} against a running admin API. */
class ApiCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    private ApiFixture api;
    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir.resolve("gateway"));
        home = dir.resolve("sluice-home");
        env.put("SLUICE_HOME", home.toString());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run sluiceWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = CliEnvironment.of(env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), dir.resolve("user-home"));
        int code = SluiceCli.execute(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run sluice(String... args) {
        return sluiceWithStdin("", args);
    }

    private void loginAs(String subject, String... groups) {
        Run login = sluiceWithStdin(api.token(subject, groups) + "\n", "login", "--server", api.url().toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
    }

    @Test
    void loginChecksTheTokenAndSavesItReadableByTheOwnerOnly() throws Exception {
        String token = api.token("rita@example.com", "sluice-reviewers", "dba");

        Run login = sluiceWithStdin(token + "\n", "login", "--server", api.url() + "/");

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).isEqualTo("logged in to " + api.url() + " as rita@example.com (roles: reviewer; "
                + "groups: dba, sluice-reviewers)" + NL);
        Path saved = home.resolve("credentials.json");
        assertThat(login.err()).contains("token saved in " + saved);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        JsonNode content = JSON.readTree(saved.toFile());
        assertThat(content.path("server").asText()).isEqualTo(api.url().toString());
        assertThat(content.path("token").asText()).isEqualTo(token);
        assertThat(login.out() + login.err()).doesNotContain(token);
    }

    @Test
    void withoutSluiceHomeTheLoginGoesToTheUsersConfigDirectory() throws Exception {
        env.remove("SLUICE_HOME");
        Path tokenFile = Files.writeString(dir.resolve("token.txt"), api.token("ada@example.com", "sluice-admins"));

        Run login = sluice("login", "--server", api.url().toString(), "--token-file", tokenFile.toString());

        assertThat(login.exitCode()).as(login.err()).isZero();
        Path saved = dir.resolve("user-home/.config/sluice/credentials.json");
        assertThat(saved).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
    }

    @Test
    void aRefusedTokenIsNotSaved() {
        Run login = sluiceWithStdin("not-a-token\n", "login", "--server", api.url().toString());

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).startsWith("sluice: " + api.url() + " refused the token: the token was refused: ");
        assertThat(home.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void theTokenIsNeverACommandLineArgument() {
        Run login = sluice("login", "--server", api.url().toString(), "--token", api.token("ada", "sluice-admins"));

        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.err()).startsWith("sluice: unknown option or argument '--token'");
        assertThat(home.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void logoutRemovesTheSavedLogin() {
        loginAs("ada@example.com", "sluice-admins");

        Run logout = sluice("logout");
        Run list = sluice("approvals", "list");

        assertThat(logout.exitCode()).isZero();
        assertThat(home.resolve("credentials.json")).doesNotExist();
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("sluice: not logged in; run sluice login --server URL first (or pass "
                + "--server URL and set SLUICE_TOKEN)" + NL);
    }

    @Test
    void aRefusedSavedTokenSaysToLogInAgain() throws Exception {
        Files.createDirectories(home);
        Files.writeString(home.resolve("credentials.json"),
                "{\"server\":\"" + api.url() + "\",\"token\":\"expired-or-forged\"}");

        Run list = sluice("approvals", "list");

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("sluice: your token was refused or has expired; run sluice login again" + NL);
    }

    @Test
    void sluiceTokenOverridesTheSavedLoginAndASavedTokenStaysWithItsServer() {
        loginAs("uma@example.com", "dev");
        api.approvals.holdStatement("bob@example.com", "DROP TABLE visits", List.of(), 1);

        Run asUma = sluice("approvals", "list");
        env.put("SLUICE_TOKEN", api.token("rita@example.com", "sluice-reviewers"));
        Run asRita = sluice("approvals", "list");
        env.remove("SLUICE_TOKEN");
        Run elsewhere = sluice("approvals", "list", "--server", "http://127.0.0.1:1");

        assertThat(asUma.out()).isEqualTo("no pending approval requests" + NL);
        assertThat(asRita.out()).contains("DROP TABLE visits");
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("you are logged in to " + api.url() + ", not http://127.0.0.1:1");
    }

    @Test
    void anUnreachableServerIsSaidInOneLine() {
        env.put("SLUICE_TOKEN", "whatever");

        Run list = sluice("approvals", "list", "--server", "http://127.0.0.1:1");

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).startsWith("sluice: cannot reach the admin API at http://127.0.0.1:1").endsWith(NL)
                .hasLineCount(1);
    }

    @Test
    void approvalsListShowsEachRequestWithItsFullStatement() {
        String statement = "DELETE FROM visits\nWHERE clinic_id = 7 AND visit_date < '2019-01-01' AND status IN "
                + "('cancelled', 'no-show', 'duplicate', 'test') AND created_by NOT IN (SELECT id FROM staff WHERE active)";
        ApprovalRequest held = api.approvals.holdStatement("uma@example.com", statement, List.of("dba"), 1);
        loginAs("rita@example.com", "sluice-reviewers", "dba");

        Run list = sluice("approvals", "list");
        Run json = sluice("approvals", "list", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(held.id()).contains("pending").contains("uma@example.com")
                .contains("    DELETE FROM visits" + "\n" + "    WHERE clinic_id = 7")
                .contains("AND created_by NOT IN (SELECT id FROM staff WHERE active)");
        assertThat(json.out()).contains("\"id\" : \"" + held.id() + "\"");
    }

    @Test
    void approvalsShowPrintsTheWholeRequest() {
        String statement = "UPDATE patients SET archived = true WHERE last_visit < now() - interval '7 years' "
                .repeat(5).strip();
        ApprovalRequest held = api.approvals.holdStatement("uma@example.com", statement, List.of("dba"), 2);
        loginAs("rita@example.com", "sluice-reviewers", "dba");

        Run show = sluice("approvals", "show", held.id());

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("request        " + held.id())
                .contains("status         pending (0 of 2 approvals needed)")
                .contains("approvers      members of dba")
                .contains("justification  cleanup")
                .contains("statement (exactly as it will run):" + NL + "    " + statement + NL)
                .contains("votes: none yet");
    }

    @Test
    void controlCharactersInAStatementAreShownNotObeyed() {
        ApprovalRequest held = api.approvals.holdStatement("uma@example.com",
                "DROP TABLE patients; -- \u001b[2K\u001b[1A\rSELECT 1 \u202e", List.of(), 1);
        loginAs("rita@example.com", "sluice-reviewers");

        Run show = sluice("approvals", "show", held.id());

        assertThat(show.out()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u202e")
                .contains("DROP TABLE patients; -- \\u001B[2K\\u001B[1A\\u000DSELECT 1 \\u202E");
    }

    @Test
    void approveAndRejectCastVotesAndSayWhatBecameOfThem() {
        ApprovalRequest one = api.approvals.holdStatement("uma@example.com", "DROP TABLE a", List.of(), 1);
        ApprovalRequest two = api.approvals.holdStatement("uma@example.com", "DROP TABLE b", List.of(), 2);
        ApprovalRequest three = api.approvals.holdStatement("uma@example.com", "DROP TABLE c", List.of(), 1);
        loginAs("rita@example.com", "sluice-reviewers");

        Run approved = sluice("approvals", "approve", one.id(), "--comment", "backup checked");
        Run counted = sluice("approvals", "approve", two.id());
        Run noComment = sluice("approvals", "reject", three.id());
        Run rejected = sluice("approvals", "reject", three.id(), "--comment", "use a migration");

        assertThat(approved.out()).isEqualTo("approved " + one.id() + " (1 of 1 approvals); it is released now" + NL);
        assertThat(counted.out()).isEqualTo("counted your approval of " + two.id() + ": 1 of 2 approvals, still pending" + NL);
        assertThat(noComment.exitCode()).isEqualTo(2);
        assertThat(noComment.err()).contains("Missing required option: '--comment=TEXT'");
        assertThat(rejected.out()).isEqualTo("rejected " + three.id() + NL);
        assertThat(api.approvals.find(three.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(api.approvals.find(one.id()).orElseThrow().votes().getFirst().comment()).isEqualTo("backup checked");
    }

    @Test
    void aRefusedVoteIsOneLineWithTheReason() {
        ApprovalRequest own = api.approvals.holdStatement("rita@example.com", "DROP TABLE a", List.of(), 1);
        loginAs("rita@example.com", "sluice-reviewers");

        Run self = sluice("approvals", "approve", own.id());

        assertThat(self.exitCode()).isEqualTo(1);
        assertThat(self.err()).isEqualTo("sluice: you cannot decide your own request" + NL);
    }

    @Test
    void accessRequestAsksForAWindowOnAConnection() {
        loginAs("uma@example.com", "dev");

        Run request = sluice("access", "request", "clinic", "--for", "30m", "--reason", "INC-4521");
        Run list = sluice("access", "list");

        assertThat(request.exitCode()).as(request.err()).isZero();
        ApprovalRequest created = api.approvals.list(ApprovalQuery.pending()).getFirst();
        assertThat(created.kind()).isEqualTo(ApprovalKind.ACCESS);
        assertThat(created.requester()).isEqualTo("uma@example.com");
        assertThat(created.accessWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(created.justification()).isEqualTo("INC-4521");
        assertThat(request.out()).isEqualTo("requested access to clinic for 30m: request " + created.id()
                + " is pending" + NL + "a reviewer approves it with: sluice approvals approve " + created.id() + NL);
        assertThat(list.out()).contains("no active grants").contains(created.id()).contains("INC-4521");
    }

    @Test
    void aRefusedAccessRequestSaysWhy() {
        loginAs("uma@example.com", "dev");

        Run tooLong = sluice("access", "request", "clinic", "--for", "2d", "--reason", "x");
        Run unknown = sluice("access", "request", "billing", "--for", "1h", "--reason", "x");
        Run badDuration = sluice("access", "request", "clinic", "--for", "soon", "--reason", "x");

        assertThat(tooLong.exitCode()).isEqualTo(1);
        assertThat(tooLong.err()).isEqualTo("sluice: connection clinic grants at most 8h at a time" + NL);
        assertThat(unknown.err()).isEqualTo("sluice: no connection is named 'billing'" + NL);
        assertThat(badDuration.exitCode()).isEqualTo(2);
    }

    @Test
    void accessListAndRevokeWorkOnGrants() {
        AccessGrant grant = api.approvals.addGrant("uma@example.com", "clinic", Duration.ofHours(1));
        loginAs("uma@example.com", "dev");

        Run list = sluice("access", "list");
        Run revoke = sluice("access", "revoke", grant.id(), "--reason", "finished");
        Run after = sluice("access", "list");
        Run all = sluice("access", "list", "--all");

        assertThat(list.out()).contains(grant.id()).contains("active").contains("no pending access requests");
        assertThat(revoke.out()).isEqualTo("revoked grant " + grant.id() + NL);
        assertThat(api.approvals.revokeReason(grant.id())).contains("finished");
        assertThat(after.out()).contains("no active grants");
        assertThat(all.out()).contains(grant.id()).contains("revoked by uma@example.com");
    }

    @Test
    void sessionsKillEndsALiveSessionThroughTheApi() {
        List<String> ended = new CopyOnWriteArrayList<>();
        SessionContext session = new SessionContext("s-live", "postgresql",
                new Identity("uma@example.com", "Uma", Set.of("dev"), Identity.Proof.LOCAL_TOKEN, "sluice-local"),
                ApiFixture.clinic(), "127.0.0.1:50000", "psql", Instant.now());
        loginAs("ada@example.com", "sluice-admins");
        try (LiveSessions.Registration ignored = api.live.register(session, ended::add)) {
            Run kill = sluice("sessions", "kill", "s-live", "--reason", "runaway export");
            Run missing = sluice("sessions", "kill", "s-gone");

            assertThat(kill.exitCode()).as(kill.err()).isZero();
            assertThat(kill.out()).isEqualTo("session s-live is ending" + NL);
            assertThat(ended).containsExactly("terminated by an administrator: runaway export");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).startsWith("sluice: session s-gone is not open on this gateway replica");
        }
    }

    @Test
    void sessionsKillNeedsAnAdmin() {
        loginAs("rita@example.com", "sluice-reviewers");

        Run kill = sluice("sessions", "kill", "s-live");

        assertThat(kill.exitCode()).isEqualTo(1);
        assertThat(kill.err()).isEqualTo("sluice: this needs membership of an admin group (sluice-admins)" + NL);
    }

    @Test
    void everyApiCommandHasHelp() {
        for (List<String> command : List.of(List.of("login"), List.of("logout"), List.of("approvals"),
                List.of("approvals", "list"), List.of("approvals", "show"), List.of("approvals", "approve"),
                List.of("approvals", "reject"), List.of("access"), List.of("access", "request"),
                List.of("access", "list"), List.of("access", "revoke"), List.of("sessions", "kill"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            Run help = sluice(args.toArray(String[]::new));
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("Usage: sluice " + String.join(" ", command));
        }
    }
}
