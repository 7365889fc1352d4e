/** The error log: SLF4J through Logback, in nginx's line format. */
package dev.ferry.server.log;
