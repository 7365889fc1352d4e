/** Request routing as nginx does it: URI normalisation, virtual server selection, location search. */
package dev.ferry.server.routing;
