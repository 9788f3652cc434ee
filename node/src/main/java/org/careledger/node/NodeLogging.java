package org.careledger.node;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import java.util.Optional;
import org.careledger.core.CareledgerException;
import org.slf4j.LoggerFactory;

/**
 * Where a node process logs. By default to stderr (logback.xml), for a supervisor or a test to capture. With the
 * system property {@code careledger.log.dir} or the environment variable {@code CARELEDGER_LOG_DIR} set, to
 * {@code DIR/node.log} through a size- and time-bounded rolling appender (logback-rolling.xml) instead: a node's
 * log must never fill its disk.
 */
public final class NodeLogging {
    public static final String DIR_PROPERTY = "careledger.log.dir";
    public static final String DIR_ENV = "CARELEDGER_LOG_DIR";
    public static final String ACTIVE_FILE = "node.log";

    private NodeLogging() {}

    /** Switches to the rolling file if a log directory is configured; answers that directory. */
    public static Optional<Path> rollIfConfigured() {
        String dir = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(dir).toAbsolutePath();
        rollInto(p);
        return Optional.of(p);
    }

    /** Replaces the logging configuration with the rolling file in {@code dir}. */
    public static void rollInto(Path dir) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        long since = System.currentTimeMillis();
        ctx.reset();
        ctx.putProperty(DIR_ENV, dir.toAbsolutePath().toString());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        try {
            joran.doConfigure(NodeLogging.class.getResource("/logback-rolling.xml"));
        } catch (JoranException e) {
            throw new CareledgerException("LOG_CONFIG_INVALID", "cannot log to " + dir + ": " + e.getMessage());
        }
        for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() == Status.ERROR && s.getTimestamp() >= since) {
                throw new CareledgerException("LOG_CONFIG_INVALID", "cannot log to " + dir + ": " + s.getMessage());
            }
        }
    }
}
