package dev.sluice.app.admin;

import dev.sluice.core.identity.AuthenticationException;
import dev.sluice.core.session.LiveSessions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** API services for tests of the public endpoints: every token is refused and there is nothing to list. */
final class FakeApi {

    private FakeApi() {
    }

    static ApiServices services() {
        return new ApiServices(credential -> {
            throw new AuthenticationException("no tokens in this test");
        }, new AdminRoles(List.of("sluice-admins"), List.of("sluice-reviewers")), Optional.empty(),
                new FakeAuditReader(), new LiveSessions(), name -> Optional.empty(), Clock.systemUTC());
    }
}
