/** The Netty request path: routing a request to a return or a proxied exchange. */
package dev.ferry.server.http;
