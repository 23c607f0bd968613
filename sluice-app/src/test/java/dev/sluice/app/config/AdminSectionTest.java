package dev.sluice.app.config;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.problems;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code admin:}: the admin port's address, the API's roles and its public URL. */
class AdminSectionTest {

    @Test
    void rolesAndPublicUrlHaveDefaults() throws ConfigException {
        AdminConfig admin = TestConfigs.load("admin:\n  listen: 127.0.0.1:9090\n" + MINIMAL).admin().orElseThrow();

        assertThat(admin.listen()).isEqualTo(new HostPort("127.0.0.1", 9090));
        assertThat(admin.adminGroups()).containsExactly("sluice-admins");
        assertThat(admin.reviewerGroups()).containsExactly("sluice-reviewers");
        assertThat(admin.publicUrl()).isEqualTo(URI.create("http://127.0.0.1:9090"));
    }

    @Test
    void rolesAndPublicUrlAreReadAsWritten() throws ConfigException {
        AdminConfig admin = TestConfigs.load("""
                admin:
                  listen: 0.0.0.0:9090
                  admin_groups: [platform, security]
                  reviewer_groups: oncall-leads
                  public_url: https://sluice.example.com:9443/
                """ + MINIMAL).admin().orElseThrow();

        assertThat(admin.adminGroups()).containsExactly("platform", "security");
        assertThat(admin.reviewerGroups()).containsExactly("oncall-leads");
        assertThat(admin.publicUrl()).as("the trailing slash is dropped").isEqualTo(URI.create("https://sluice.example.com:9443"));
    }

    @Test
    void anEmptyListGivesTheRoleToNobody() throws ConfigException {
        AdminConfig admin = TestConfigs.load("admin:\n  listen: 127.0.0.1:9090\n  reviewer_groups: []\n" + MINIMAL)
                .admin().orElseThrow();

        assertThat(admin.reviewerGroups()).isEmpty();
        assertThat(admin.adminGroups()).containsExactly("sluice-admins");
    }

    @Test
    void theDefaultPublicUrlBracketsAnIpv6Address() throws ConfigException {
        AdminConfig admin = TestConfigs.load("admin:\n  listen: '[::1]:9090'\n" + MINIMAL).admin().orElseThrow();

        assertThat(admin.publicUrl()).isEqualTo(URI.create("http://[::1]:9090"));
    }

    @Test
    void withoutListenThereIsNoAdminPort() throws ConfigException {
        assertThat(TestConfigs.load("admin:\n  admin_groups: [ops]\n" + MINIMAL).admin()).isEmpty();
    }

    @Test
    void aPublicUrlMustBeAPlainHttpUrl() {
        assertThat(problems("admin:\n  listen: 127.0.0.1:9090\n  public_url: ftp://files.example.com\n" + MINIMAL))
                .isEqualTo("sluice.yaml:3:15: admin.public_url: 'ftp://files.example.com' must be an https:// or "
                        + "http:// URL with a host");
        assertThat(problems("admin:\n  listen: 127.0.0.1:9090\n  public_url: https://x.example.com/?a=b\n" + MINIMAL))
                .isEqualTo("sluice.yaml:3:15: admin.public_url: 'https://x.example.com/?a=b' must not carry a user, "
                        + "a query or a fragment");
    }

    @Test
    void unknownKeysAndBadGroupsAreReported() {
        assertThat(problems("admin:\n  listen: 127.0.0.1:9090\n  admin_group: [ops]\n" + MINIMAL))
                .isEqualTo("sluice.yaml:3:3: admin.admin_group: unknown key (did you mean 'admin_groups'?)");
        assertThat(problems("admin:\n  listen: 127.0.0.1:9090\n  reviewer_groups: {a: b}\n" + MINIMAL))
                .isEqualTo("sluice.yaml:3:20: admin.reviewer_groups: expected a value or a list, got a mapping");
    }
}
