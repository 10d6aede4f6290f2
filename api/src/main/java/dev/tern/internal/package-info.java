/** Tern's internals, including the index annotation processor. Not an API: it may change. */
package dev.tern.internal;
