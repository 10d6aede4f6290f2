/** A small app with one function per Azure trigger the adapter maps; its entries are generated. */
package dev.tern.azure.app;
