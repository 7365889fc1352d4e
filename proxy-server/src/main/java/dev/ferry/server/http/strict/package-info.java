/** The client's bytes checked as nginx parses them (RFC 9112 syntax), before Netty's codec sees them. */
package dev.ferry.server.http.strict;
