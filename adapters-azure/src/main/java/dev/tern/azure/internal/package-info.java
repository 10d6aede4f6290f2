/** Internals of tern-azure; not part of the documented API. */
package dev.tern.azure.internal;
