/** Balancing over upstream peers and their passive health: pure Java with an injected clock. */
package dev.ferry.upstream;
