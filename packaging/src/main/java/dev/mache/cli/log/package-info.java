/**
 * mache's logging: a small slf4j provider ({@link dev.mache.cli.log.LogfmtProvider}) that writes one logfmt line per
 * event to stderr ({@code ts=... level=info logger=cli.LiveUpdates msg="..." key=value ...}), at the level set by
 * {@code --log-level} ({@link dev.mache.cli.log.Logging}). A framework would add configuration files and
 * appenders that a command-line server does not need.
 */
package dev.mache.cli.log;
