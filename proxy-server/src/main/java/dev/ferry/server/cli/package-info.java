/** The ferry command line: nginx's options, messages and signalling. */
package dev.ferry.server.cli;
