/** Listeners, event loops, the pid file and signals: the process around the request path. */
package dev.ferry.server.lifecycle;
