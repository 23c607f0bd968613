package dev.sluice.app.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code logback.xml}, loaded into a private logger context whose console appender is pointed at a
 * buffer: what an operator's log shipper would read on stdout.
 */
class LogbackConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        MDC.clear();
        context.stop();
    }

    private void configure(String logFormat) throws JoranException {
        context.setMDCAdapter(MDC.getMDCAdapter());
        if (logFormat != null) {
            context.putProperty("sluice.log.format", logFormat);
        }
        URL config = getClass().getResource("/logback.xml");
        assertThat(config).as("logback.xml on the class path").isNotNull();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
        rootAppender().setOutputStream(stdout);
    }

    private OutputStreamAppender<ILoggingEvent> rootAppender() {
        Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        assertThat(appenders.hasNext()).as("root has an appender").isTrue();
        return (OutputStreamAppender<ILoggingEvent>) appenders.next();
    }

    private List<String> lines() {
        return stdout.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines()) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            nodes.add(node);
        }
        return nodes;
    }

    @Test
    void everyEventIsOneJsonObjectOnOneLine() throws Exception {
        configure(null);
        Logger log = context.getLogger("dev.sluice.postgres.PgSession");
        String awkward = "quote \" backslash \\ newline \n tab \t control \u0001 unicode é ✓";

        log.info(awkward);
        MDC.put("session", "s-42");
        MDC.put("connection", "clinic-db");
        log.atWarn().addKeyValue("rows", 3).log("masked {} columns", 2);
        log.error("upstream failed", new IllegalStateException("outer", new RuntimeException("inner")));

        List<JsonNode> events = jsonLines();
        assertThat(events).hasSize(3);

        JsonNode first = events.get(0);
        assertThat(first.get("formattedMessage").asText()).isEqualTo(awkward);
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("loggerName").asText()).isEqualTo("dev.sluice.postgres.PgSession");
        assertThat(first.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(first.get("timestamp").isNumber()).isTrue();

        JsonNode second = events.get(1);
        assertThat(second.get("formattedMessage").asText()).isEqualTo("masked 2 columns");
        assertThat(second.get("mdc").get("session").asText()).isEqualTo("s-42");
        assertThat(second.get("mdc").get("connection").asText()).isEqualTo("clinic-db");
        assertThat(second.get("kvpList").toString()).contains("rows");

        JsonNode third = events.get(2);
        assertThat(third.get("throwable").get("className").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(third.get("throwable").get("cause").get("message").asText()).isEqualTo("inner");
    }

    @Test
    void jsonLinesCarryTheFormattedMessageOnlyNotTemplateAndArguments() throws Exception {
        configure(null);

        context.getLogger("dev.sluice.app").info("listener {} bound", "pg-main");

        JsonNode event = jsonLines().getFirst();
        assertThat(event.get("formattedMessage").asText()).isEqualTo("listener pg-main bound");
        assertThat(event.has("message")).isFalse();
        assertThat(event.has("arguments")).isFalse();
        assertThat(event.has("context")).isFalse();
        assertThat(event.has("sequenceNumber")).isFalse();
    }

    @Test
    void noisyLibrariesAreQuietBelowWarnAndTheRestBelowInfo() throws Exception {
        configure(null);

        context.getLogger("com.zaxxer.hikari.HikariDataSource").info("pool starting");
        context.getLogger("org.flywaydb.core.Flyway").info("migrating");
        context.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres").info("initdb");
        context.getLogger("dev.sluice.app").debug("detail");
        context.getLogger("com.zaxxer.hikari.pool.HikariPool").warn("connection leak");

        List<JsonNode> events = jsonLines();
        assertThat(events).extracting(e -> e.get("formattedMessage").asText()).containsExactly("connection leak");
    }

    @Test
    void configurationLoadsWithoutWarnings() throws Exception {
        configure(null);

        assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.WARN);
    }

    @Test
    void textFormatIsReadableAndKeepsOneLinePerMessage() throws Exception {
        configure("text");
        MDC.put("session", "s-42");

        context.getLogger("dev.sluice.app.Demo").info("first line\nforged line");

        assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.WARN);
        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst())
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  dev\\.sluice\\.app\\.Demo - first line forged line \\[session=s-42]");
    }

    @Test
    void anyOtherFormatValueMeansJson() throws Exception {
        configure("yaml");

        context.getLogger("dev.sluice.app").info("hello");

        assertThat(jsonLines()).hasSize(1);
    }

    /** How {@code sluice demo} can switch an already configured process to the text layout. */
    @Test
    void aRunningContextCanBeSwitchedToTextByReconfiguring() throws Exception {
        configure(null);

        context.reset();
        context.putProperty("sluice.log.format", "text");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        rootAppender().setOutputStream(stdout);
        context.getLogger("dev.sluice.app.Demo").info("now readable");

        assertThat(rootAppender().getName()).isEqualTo("TEXT");
        assertThat(lines()).singleElement().asString().endsWith("INFO  dev.sluice.app.Demo - now readable");
    }
}
