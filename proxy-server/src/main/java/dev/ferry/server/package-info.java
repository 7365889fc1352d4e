/** The ferry process entry point. */
package dev.ferry.server;
