/**
 * What the cloud shapes share: the layering of settings, the translation of each adapter's log
 * lines into the harness's form, and the failures those lines report. Not part of the harness's
 * API; it may change in any release.
 */
package dev.tern.testing.internal;
