package dev.sluice.app.bypass;

import dev.sluice.app.Gateway;
import dev.sluice.app.ProtocolRegistry;
import dev.sluice.app.config.ConfigLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * One embedded PostgreSQL with a clinic's data and one real gateway in front of it, as an operator would run them:
 * the connection {@code clinic} bound to a policy with {@code masking: {preset: phi-strict, key: ${file:masking-key},
 * exempt_groups: [phi-readers]}}, reaching PostgreSQL as {@code clinic_app}, an ordinary role that may read the
 * tables and create temporary ones (as application roles usually may). Alice ({@code dev}) is the attacker;
 * Rita ({@code dev, phi-readers}) may see raw values.
 *
 * <p>Everything an administrator set up beforehand (functions, the view, statistics) is created here directly on
 * PostgreSQL, not through the gateway, whose guards would refuse it.
 */
final class ClinicFixture implements AutoCloseable {

    static final String CONNECTION = "clinic";
    static final String UPSTREAM_ROLE = "clinic_app";

    static final String PATIENTS_DDL = """
            create table patients (id int primary key, mrn text, ssn text, first_name text, last_name text, dob date,
                email text, phone text, street_address text, zip text, notes text, insurance jsonb, diagnosis text)
            """;

    private static final String[] SETUP = {
        "create role " + UPSTREAM_ROLE + " login",
        PATIENTS_DDL,
        "insert into patients values " + RawPhi.PATIENT_ROWS,
        // a table nothing protects, for unions and joins
        "create table wards (id int primary key, label text)",
        "insert into wards values (1, 'Ward 7B cardiology'), (2, 'Ward 3A oncology')",
        // a legacy table with quoted, upper-case column names
        "create table \"LegacyPatients\" (\"ID\" int, \"SSN\" text, \"Last_Name\" text)",
        "insert into \"LegacyPatients\" values (1, '512-74-3968', 'Quaintance')",
        // the same table name in two schemas: only clinical.intake.remark is protected (a rule of the policy's own)
        "create schema clinical",
        "create table clinical.intake (id int, remark text)",
        "insert into clinical.intake values (1, '" + RawPhi.CLINICAL_REMARK + "')",
        "create table public.intake (id int, remark text)",
        "insert into public.intake values (1, 'nothing to hide here')",
        // a view an administrator made for a directory page, renaming the columns
        "create view patient_directory as select id, ssn as tax_ref, first_name || ' ' || last_name as who "
                + "from patients",
        // functions an administrator created: they read PHI and put it into notices, errors and plain text
        """
        create function ssn_notice(pid int) returns int language plpgsql as $$
        declare s text; n text;
        begin
          select ssn, first_name || ' ' || last_name into s, n from patients where id = pid;
          raise notice 'patient % has ssn %', n, s using detail = 'ssn ' || s, hint = 'ask ' || n;
          return pid;
        end $$""",
        """
        create function ssn_exception(pid int) returns int language plpgsql as $$
        declare s text; n text;
        begin
          select ssn, first_name || ' ' || last_name into s, n from patients where id = pid;
          raise exception 'patient % has ssn %', n, s using detail = 'ssn ' || s, hint = 'ask ' || n;
        end $$""",
        "create function patient_text(pid int) returns text language sql stable as "
                + "$$ select p::text from patients p where id = pid $$",
        "grant usage on schema clinical to " + UPSTREAM_ROLE,
        "grant select on all tables in schema public to " + UPSTREAM_ROLE,
        "grant select on all tables in schema clinical to " + UPSTREAM_ROLE,
        // statistics: pg_stats shows a column's values to whoever may read the column
        "analyze",
    };

    final EmbeddedPostgres postgres;
    final Gateway gateway;
    final String aliceToken;
    final String ritaToken;

    private ClinicFixture(EmbeddedPostgres postgres, Gateway gateway, String aliceToken, String ritaToken) {
        this.postgres = postgres;
        this.gateway = gateway;
        this.aliceToken = aliceToken;
        this.ritaToken = ritaToken;
    }

    static ClinicFixture start(Path dir) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                for (String sql : SETUP) {
                    s.execute(sql);
                }
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(dir.resolve("masking-key"), Base64.getEncoder().encodeToString(key));
            Path config = dir.resolve("sluice.yaml");
            Files.writeString(config, """
                    gateway:
                      data_dir: ./data
                    listeners:
                      - name: pg
                        protocol: postgresql
                        listen: 127.0.0.1:0
                    connections:
                      - name: %s
                        type: postgresql
                        listener: pg
                        target: { host: 127.0.0.1, port: %d, database: postgres, tls: disable }
                        credentials: { username: %s }
                        access: { groups: [dev] }
                        policy: phi
                    policies:
                      - name: phi
                        masking:
                          preset: phi-strict
                          key: ${file:masking-key}
                          exempt_groups: [phi-readers]
                          columns:
                            - { match: "clinical.intake.remark", strategy: redact }
                    """.formatted(CONNECTION, postgres.getPort(), UPSTREAM_ROLE));
            Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()), ProtocolRegistry.standard());
            var issuer = gateway.localIssuer().orElseThrow();
            return new ClinicFixture(postgres, gateway,
                    issuer.issue("alice", Set.of("dev"), Duration.ofHours(2)),
                    issuer.issue("rita", Set.of("dev", "phi-readers"), Duration.ofHours(2)));
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    /** Alice, the attacker, through the gateway. */
    Attacker alice() {
        return Attacker.to("gateway as alice", gateway.port("pg"), CONNECTION, "alice", aliceToken);
    }

    /** Rita, in the exempt group, through the gateway. */
    Attacker rita() {
        return Attacker.to("gateway as rita", gateway.port("pg"), CONNECTION, "rita", ritaToken);
    }

    /** The same role the gateway uses, straight to PostgreSQL: what the attack yields without Sluice. */
    Attacker direct() {
        return Attacker.to("direct", postgres.getPort(), "postgres", UPSTREAM_ROLE, "");
    }

    @Override
    public void close() throws Exception {
        try (EmbeddedPostgres server = postgres) {
            gateway.close();
        }
    }
}
