/** The untyped configuration tree, its positions and errors, shared by every module. */
package dev.ferry.conf;
